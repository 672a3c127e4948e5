package dev.stepgraph.runtime.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The timeouts of a run's step attempts: one daemon thread for the whole run, started with the
 * first attempt that has a timeout, stopped when the run ends. An attempt's timer fires on it when
 * the attempt is due, unless cancelled first.
 */
final class Watchdog implements AutoCloseable {
  private final String name;
  private @Nullable ScheduledThreadPoolExecutor executor; // guarded by this
  private boolean closed; // guarded by this

  /** A timer that can be cancelled. */
  interface Timer {
    /** Cancels the timer; it does not fire after this returns unless it already started. */
    void cancel();
  }

  Watchdog(String name) {
    this.name = name;
  }

  /**
   * Runs {@code action} once {@code timeout} has passed.
   *
   * @throws java.util.concurrent.RejectedExecutionException once the run ended
   */
  Timer schedule(Duration timeout, Runnable action) {
    ScheduledFuture<?> future =
        executor().schedule(action, Sleeper.saturatedNanos(timeout), TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  private synchronized ScheduledThreadPoolExecutor executor() {
    if (executor == null) {
      if (closed) {
        throw new java.util.concurrent.RejectedExecutionException("the run has ended");
      }
      ScheduledThreadPoolExecutor created =
          new ScheduledThreadPoolExecutor(
              1,
              runnable -> {
                Thread thread = new Thread(runnable, name);
                thread.setDaemon(true);
                return thread;
              });
      created.setRemoveOnCancelPolicy(true); // a run of 10,000 timed steps keeps no dead timers
      executor = created;
    }
    return executor;
  }

  /** Stops the thread; pending timers never fire. */
  @Override
  public synchronized void close() {
    closed = true;
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
