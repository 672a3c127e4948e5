package dev.stepgraph.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Events reach the listeners one at a time and in each publisher's order; a listener that throws
 * stops neither the other listeners nor later events.
 */
class SerialListenerTest {
  private static final long WAIT = 30;
  private static final int PUBLISHERS = 4;
  private static final int EVENTS_EACH = 500;

  private static RunEvent event(String publisher, int n) {
    return new RunEvent.StepStarted(Instant.EPOCH, publisher, n);
  }

  /** Records events; fails the test (through {@code overlap}) if two calls ever overlap. */
  private static final class Recorder implements RunListener {
    final List<RunEvent> events = new ArrayList<>(); // only touched inside onEvent
    final AtomicInteger inside = new AtomicInteger();
    final AtomicBoolean overlap = new AtomicBoolean();

    @Override
    public void onEvent(RunEvent event) {
      if (inside.incrementAndGet() != 1) {
        overlap.set(true);
      }
      events.add(event);
      inside.decrementAndGet();
    }
  }

  @Test
  void concurrentPublishersNeverOverlapAndEachOnesEventsArriveInOrder() throws Exception {
    Recorder recorder = new Recorder();
    SerialListener listener = new SerialListener(List.of(recorder));
    CyclicBarrier start = new CyclicBarrier(PUBLISHERS);
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < PUBLISHERS; p++) {
      String name = "p" + p;
      Thread thread = new Thread(() -> {
        try {
          start.await(WAIT, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        for (int n = 0; n < EVENTS_EACH; n++) {
          listener.publish(event(name, n));
        }
      });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(WAIT));
    }

    assertFalse(recorder.overlap.get(), "two listener calls overlapped");
    assertEquals(PUBLISHERS * EVENTS_EACH, recorder.events.size());
    int[] next = new int[PUBLISHERS];
    for (RunEvent e : recorder.events) {
      RunEvent.StepStarted started = (RunEvent.StepStarted) e;
      int publisher = Integer.parseInt(started.stepId().substring(1));
      assertEquals(next[publisher]++, started.wave(), "order of " + started.stepId() + "'s events");
    }
  }

  @Test
  void aThrowingListenerStopsNeitherTheOthersNorLaterEvents() {
    Recorder recorder = new Recorder();
    RunListener broken = event -> {
      throw new IllegalStateException("broken listener");
    };
    SerialListener listener = new SerialListener(List.of(broken, recorder));

    listener.publish(event("a", 0));
    listener.publish(event("a", 1));

    assertEquals(2, recorder.events.size());
  }

  @Test
  void anErrorFromAListenerPropagatesAndLaterEventsAreStillDelivered() {
    Recorder recorder = new Recorder();
    AtomicBoolean failOnce = new AtomicBoolean(true);
    RunListener failing = event -> {
      if (failOnce.getAndSet(false)) {
        throw new AssertionError("listener error");
      }
    };
    SerialListener listener = new SerialListener(List.of(failing, recorder));

    AssertionError thrown = null;
    try {
      listener.publish(event("a", 0));
    } catch (AssertionError e) {
      thrown = e;
    }
    listener.publish(event("a", 1));

    assertEquals("listener error", thrown == null ? null : thrown.getMessage());
    assertEquals(
        List.of(1), recorder.events.stream().map(e -> ((RunEvent.StepStarted) e).wave()).toList());
  }
}
