package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.run.RunEvent;
import dev.stepgraph.runtime.run.RunListener;

import java.io.Flushable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Delivers a run's events to its listeners, each on a thread of its own: publishing never waits
 * for a listener, so a listener that blocks (a pipe nobody reads, a slow sink) holds up no step and
 * no other listener. Each listener gets the events one at a time, in the order they were
 * published, in batches at most {@value #BATCH_MILLIS} ms apart while events keep coming; one that
 * is {@link Flushable} is flushed after each batch, once it has taken every event there is; an
 * {@link InlineListener} of the runtime's own takes each event on the publishing thread instead.
 *
 * <p>The batches: after a flush, a listener's thread waits out the rest of {@value #BATCH_MILLIS}
 * ms before it takes more events, and meanwhile no publisher wakes it. Woken for every few events,
 * as steps that end all the time made it, the thread of the human lines cost a whole run on JDK
 * 17 a further 4-15 % of its time in wake-ups and writes (BENCHMARKS.md). An event waits at most that
 * long, never for a later event; {@value #BACKLOG} waiting events, or the run's end, end the wait
 * at once. What a listener throws, {@link Exception} or {@link Error}, changes nothing in the run;
 * {@link #finish(Duration)} reports it once, with the events a listener could not take (its queue
 * holds {@value #CAPACITY} events; past that, events to it are dropped and counted).
 */
final class EventDispatch {
  static final int CAPACITY = 65_536;
  /** How long after a flush a listener's thread waits before it takes the next events. */
  static final long BATCH_MILLIS = 10;
  private static final long BATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(BATCH_MILLIS);
  /** Events waiting for a listener past which its thread takes them without waiting longer. */
  static final int BACKLOG = 4_096;

  private final List<Queue> queues;
  private final List<Inline> inline;
  private final SecretMask mask;

  EventDispatch(List<RunListener> listeners, String threadName) {
    this(listeners, threadName, SecretMask.NONE);
  }

  /** Delivers the events with the run's secrets masked ({@link SecretMask#event}). */
  EventDispatch(List<RunListener> listeners, String threadName, SecretMask mask) {
    this(listeners, threadName, mask, BATCH_NANOS);
  }

  /** With batches {@code batchNanos} apart, for tests (a long one: only a backlog or the end). */
  EventDispatch(
      List<RunListener> listeners, String threadName, SecretMask mask, long batchNanos) {
    this.mask = mask;
    List<RunListener> queued = new ArrayList<>(listeners.size());
    List<Inline> direct = new ArrayList<>();
    for (RunListener listener : listeners) {
      if (listener instanceof InlineListener own) {
        direct.add(new Inline(own));
      } else {
        queued.add(listener);
      }
    }
    List<Queue> all = new ArrayList<>(queued.size());
    for (int i = 0; i < queued.size(); i++) {
      String name = threadName + (queued.size() > 1 ? "-" + (i + 1) : "");
      all.add(new Queue(queued.get(i), name, batchNanos));
    }
    this.queues = List.copyOf(all);
    this.inline = List.copyOf(direct);
  }

  /**
   * Hands the event to every listener's queue, and to each {@link InlineListener} at once; never
   * blocks (unless an inline listener does).
   */
  void publish(RunEvent event) {
    RunEvent shown = mask.event(event);
    for (int i = 0; i < inline.size(); i++) {
      inline.get(i).deliver(shown);
    }
    for (int i = 0; i < queues.size(); i++) {
      queues.get(i).offer(shown);
    }
  }

  /**
   * Waits, at most {@code wait} in all, until every listener has taken every event; then stops
   * delivering. Returns one line per problem: a listener that threw, or that did not take every
   * event.
   */
  List<String> finish(Duration wait) {
    long deadline = System.nanoTime() + Sleeper.saturatedNanos(wait);
    for (Queue queue : queues) {
      queue.close();
    }
    List<String> problems = new ArrayList<>();
    for (Inline listener : inline) {
      listener.problems(problems);
    }
    for (Queue queue : queues) {
      queue.await(deadline);
      queue.problems(wait, problems);
    }
    return problems;
  }

  /** What a listener threw: how often, and the first throwable, reported once at the end. */
  private static final class Failures {
    private final AtomicLong count = new AtomicLong();
    private volatile @Nullable Throwable first;

    void add(Throwable thrown) {
      if (count.getAndIncrement() == 0) {
        first = thrown;
      }
    }

    /** Adds {@code listener X threw E (and N more times)} to {@code problems}, if it threw. */
    void report(RunListener listener, List<String> problems) {
      long times = count.get();
      Throwable thrown = first;
      if (times > 0 && thrown != null) {
        problems.add(
            "listener " + Errors.describe(listener) + " threw " + Errors.summary(thrown)
                + (times > 1 ? " (and " + (times - 1) + " more times)" : ""));
      }
    }
  }

  /** An {@link InlineListener}, and what it threw. */
  private static final class Inline {
    private final InlineListener listener;
    private final Failures failures = new Failures();

    Inline(InlineListener listener) {
      this.listener = listener;
    }

    void deliver(RunEvent event) {
      try {
        listener.onEvent(event);
      } catch (Throwable t) {
        failures.add(t);
      }
    }

    void problems(List<String> problems) {
      failures.report(listener, problems);
    }
  }

  /** One listener's events and the thread that delivers them. */
  private static final class Queue implements Runnable {
    private final RunListener listener;
    private final Thread thread;
    private final ConcurrentLinkedQueue<RunEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final Failures failures = new Failures();
    private volatile boolean parked;
    private volatile boolean closed;
    private volatile boolean abandoned;
    private volatile boolean delivering;
    private final long batchNanos;
    // When the last batch ended, the first one when the queue was made (only its thread uses it)
    private long batchEnded = System.nanoTime();

    Queue(RunListener listener, String name, long batchNanos) {
      this.listener = listener;
      this.batchNanos = batchNanos;
      this.thread = new Thread(this, name);
      thread.setDaemon(true);
      thread.start();
    }

    void offer(RunEvent event) {
      int waiting = size.incrementAndGet();
      if (waiting > CAPACITY) {
        size.decrementAndGet();
        dropped.incrementAndGet();
        return;
      }
      events.offer(event);
      if (parked || waiting == BACKLOG) {
        LockSupport.unpark(thread);
      }
    }

    @Override
    public void run() {
      while (!abandoned) {
        RunEvent event = events.poll();
        if (event == null) {
          long sinceBatch = System.nanoTime() - batchEnded;
          if (sinceBatch < batchNanos && !closed && size.get() < BACKLOG) {
            // Not parked for publishers: only the time, close() or a backlog ends this wait
            LockSupport.parkNanos(this, batchNanos - sinceBatch);
            continue;
          }
          flushListener();
          batchEnded = System.nanoTime();
          if (closed && events.isEmpty()) {
            return;
          }
          parked = true;
          if (events.isEmpty() && !closed) {
            LockSupport.park(this);
          }
          parked = false;
          continue;
        }
        size.decrementAndGet();
        delivering = true;
        try {
          listener.onEvent(event);
        } catch (Throwable t) {
          failures.add(t);
        } finally {
          delivering = false;
        }
      }
    }

    /**
     * A listener that is {@link Flushable} (one that batches its writes) is flushed after each
     * batch, once its queue is empty: no event it took waits for the next one.
     */
    private void flushListener() {
      if (listener instanceof Flushable flushable) {
        delivering = true;
        try {
          flushable.flush();
        } catch (Throwable t) {
          failures.add(t);
        } finally {
          delivering = false;
        }
      }
    }

    void close() {
      closed = true;
      LockSupport.unpark(thread);
    }

    void await(long deadline) {
      boolean interrupted = false;
      while (thread.isAlive()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          interrupted = true;
          break;
        }
      }
      abandoned = true; // a listener still stuck delivers nothing more once it returns
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    void problems(Duration wait, List<String> problems) {
      failures.report(listener, problems);
      long undelivered = dropped.get() + size.get() + (thread.isAlive() && delivering ? 1 : 0);
      if (undelivered > 0) {
        problems.add(
            undelivered + (undelivered == 1 ? " event was" : " events were")
                + " not delivered to listener " + Errors.describe(listener)
                + (thread.isAlive()
                    ? ": it did not take them within " + StepPolicy.formatDuration(wait)
                    : ": it fell " + CAPACITY + " events behind"));
      }
    }
  }
}
