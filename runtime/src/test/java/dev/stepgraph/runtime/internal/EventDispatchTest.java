package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.run.RunEvent;
import dev.stepgraph.runtime.run.RunListener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Events reach each listener one at a time and in each publisher's order, on the listener's own
 * thread; a listener that throws or blocks stops neither the publishers, nor the other listeners,
 * nor later events, and what went wrong is reported once.
 */
class EventDispatchTest {
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
    EventDispatch listener = new EventDispatch(List.of(recorder), "events");
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
    assertEquals(List.of(), listener.finish(Duration.ofSeconds(WAIT)));

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
  void aThrowingListenerStopsNeitherTheOthersNorLaterEventsAndIsReportedOnce() {
    Recorder recorder = new Recorder();
    AtomicInteger calls = new AtomicInteger();
    RunListener broken = event -> {
      calls.incrementAndGet();
      throw new IllegalStateException("broken listener");
    };
    EventDispatch listener = new EventDispatch(List.of(broken, recorder), "events");

    listener.publish(event("a", 0));
    listener.publish(event("a", 1));
    listener.publish(event("a", 2));
    List<String> problems = listener.finish(Duration.ofSeconds(WAIT));

    assertEquals(3, recorder.events.size());
    assertEquals(3, calls.get(), "the broken listener still got every event");
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems.get(0).matches(
            "listener dev\\.stepgraph\\.runtime\\.internal\\.EventDispatchTest.* \\(a lambda\\) threw"
                + " IllegalStateException: broken listener \\(and 2 more times\\)"),
        problems.get(0));
  }

  /** Records the events it takes and, as {@code "flush"}, each flush after the first event. */
  private static final class FlushRecorder implements RunListener, java.io.Flushable {
    final List<Object> log = new ArrayList<>(); // only touched by the listener's thread
    final CountDownLatch taken;
    final CountDownLatch flushed = new CountDownLatch(1);

    FlushRecorder(int events) {
      taken = new CountDownLatch(events);
    }

    @Override
    public void onEvent(RunEvent event) {
      log.add(event);
      taken.countDown();
    }

    @Override
    public void flush() {
      if (!log.isEmpty()) {
        log.add("flush");
        flushed.countDown();
      }
    }
  }

  private static final long AN_HOUR = TimeUnit.HOURS.toNanos(1);

  /**
   * The events that one batch holds, flushed once. The three events can all be queued before the
   * listener's thread first looks, so this passes without the wait too;
   * {@link #aBacklogEndsTheWaitForTheBatch} is the test that fails without it.
   */
  @Test
  void theEventsOfABatchAreTakenTogetherAndFlushedOnce() {
    FlushRecorder recorder = new FlushRecorder(3);
    // Batches an hour apart: only the run's end ends this one
    EventDispatch listener =
        new EventDispatch(List.of(recorder), "events", SecretMask.NONE, AN_HOUR);

    listener.publish(event("a", 0));
    listener.publish(event("a", 1));
    listener.publish(event("a", 2));

    assertEquals(List.of(), listener.finish(Duration.ofSeconds(WAIT)));
    assertEquals(List.of(event("a", 0), event("a", 1), event("a", 2), "flush"), recorder.log);
  }

  @Test
  void aBacklogEndsTheWaitForTheBatch() throws Exception {
    int backlog = EventDispatch.BACKLOG;
    FlushRecorder recorder = new FlushRecorder(backlog);
    EventDispatch listener =
        new EventDispatch(List.of(recorder), "events", SecretMask.NONE, AN_HOUR);

    // Whatever the listener took before its first wait, at least a backlog waits after it
    for (int i = 0; i < 2 * backlog; i++) {
      listener.publish(event("a", i));
    }

    assertTrue(recorder.taken.await(WAIT, TimeUnit.SECONDS), "the backlog was not taken");
    assertEquals(List.of(), listener.finish(Duration.ofSeconds(WAIT)));
    // Still one batch: the listener took the backlog without a flush, and was flushed at the end
    assertEquals(2 * backlog + 1, recorder.log.size());
    assertEquals(1, recorder.log.stream().filter("flush"::equals).count(), "flushes");
    assertEquals("flush", recorder.log.get(2 * backlog));
  }

  @Test
  void anEventWithNoneAfterItIsTakenAndFlushedBeforeTheRunEnds() throws Exception {
    FlushRecorder recorder = new FlushRecorder(1);
    EventDispatch listener = new EventDispatch(List.of(recorder), "events");

    listener.publish(event("a", 0));

    assertTrue(recorder.flushed.await(WAIT, TimeUnit.SECONDS), "the event was not flushed");
    assertEquals(List.of(), listener.finish(Duration.ofSeconds(WAIT)));
    assertEquals(List.of(event("a", 0), "flush"), recorder.log.subList(0, 2));
  }

  /** An inline listener that records the events it takes and the threads it takes them on. */
  private static final class InlineRecorder implements InlineListener {
    final List<RunEvent> events = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();
    boolean broken;

    @Override
    public synchronized void onEvent(RunEvent event) {
      events.add(event);
      threads.add(Thread.currentThread());
      if (broken) {
        throw new IllegalStateException("broken inline listener");
      }
    }

    @Override
    public String toString() {
      return "inline recorder";
    }
  }

  @Test
  void anInlineListenerTakesEachEventOnThePublishingThreadBeforePublishReturns() throws Exception {
    InlineRecorder inline = new InlineRecorder();
    Recorder queued = new Recorder();
    EventDispatch listener = new EventDispatch(List.of(inline, queued), "events");
    Thread publisher = new Thread(() -> listener.publish(event("a", 0)), "publisher");

    publisher.start();
    publisher.join();
    listener.publish(event("a", 1));

    synchronized (inline) {
      assertEquals(List.of(event("a", 0), event("a", 1)), inline.events);
      assertEquals(List.of(publisher, Thread.currentThread()), inline.threads);
    }
    assertEquals(List.of(), listener.finish(Duration.ofSeconds(WAIT)));
    assertEquals(List.of(event("a", 0), event("a", 1)), queued.events);
  }

  @Test
  void aThrowingInlineListenerStopsNeitherThePublisherNorTheOthersAndIsReportedOnce() {
    InlineRecorder inline = new InlineRecorder();
    inline.broken = true;
    Recorder queued = new Recorder();
    EventDispatch listener = new EventDispatch(List.of(inline, queued), "events");

    listener.publish(event("a", 0));
    listener.publish(event("a", 1));
    List<String> problems = listener.finish(Duration.ofSeconds(WAIT));

    assertEquals(2, queued.events.size());
    synchronized (inline) {
      assertEquals(2, inline.events.size(), "the broken listener still got every event");
    }
    assertEquals(
        List.of("listener inline recorder threw IllegalStateException: broken inline listener"
            + " (and 1 more times)"),
        problems);
  }

  @Test
  void anErrorFromAListenerNeitherPropagatesNorStopsLaterEvents() {
    Recorder recorder = new Recorder();
    AtomicBoolean failOnce = new AtomicBoolean(true);
    RunListener failing = new RunListener() {
      @Override
      public void onEvent(RunEvent event) {
        if (failOnce.getAndSet(false)) {
          throw new AssertionError("listener error");
        }
        recorder.onEvent(event);
      }

      @Override
      public String toString() {
        return "the failing one";
      }
    };
    EventDispatch listener = new EventDispatch(List.of(failing), "events");

    listener.publish(event("a", 0)); // does not throw
    listener.publish(event("a", 1));

    assertEquals(
        List.of("listener the failing one threw AssertionError: listener error"),
        listener.finish(Duration.ofSeconds(WAIT)));
    assertEquals(
        List.of(1), recorder.events.stream().map(e -> ((RunEvent.StepStarted) e).wave()).toList());
  }

  @Test
  void aBlockedListenerHoldsUpNeitherThePublisherNorTheOtherListeners() throws Exception {
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RunListener stuck = new RunListener() {
      @Override
      public void onEvent(RunEvent event) {
        blocked.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public String toString() {
        return "stuck";
      }
    };
    Recorder recorder = new Recorder();
    EventDispatch listener = new EventDispatch(List.of(stuck, recorder), "events");
    try {
      for (int n = 0; n < 10; n++) {
        listener.publish(event("a", n)); // returns although "stuck" never returns
      }
      assertTrue(blocked.await(WAIT, TimeUnit.SECONDS));

      List<String> problems = listener.finish(Duration.ofMillis(50));

      assertEquals(10, recorder.events.size(), "the other listener got every event");
      assertEquals(
          List.of("10 events were not delivered to listener stuck: it did not take them within 50ms"),
          problems);
    } finally {
      release.countDown();
    }
  }

  @Test
  void aListenerThatFallsTooFarBehindLosesEventsNotMemory() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blocked = new CountDownLatch(1);
    RunListener stuck = event -> {
      blocked.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    EventDispatch listener = new EventDispatch(List.of(stuck), "events");
    listener.publish(event("a", 0));
    assertTrue(blocked.await(WAIT, TimeUnit.SECONDS)); // the first one is being delivered
    for (int n = 1; n <= EventDispatch.CAPACITY + 7; n++) {
      listener.publish(event("a", n));
    }
    release.countDown();

    List<String> problems = listener.finish(Duration.ofSeconds(WAIT));

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems.get(0).startsWith("7 events were not delivered to listener "), problems.get(0));
    assertTrue(problems.get(0).endsWith(": it fell 65536 events behind"), problems.get(0));
  }
}
