package dev.stepgraph.runtime.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Counts the unfinished steps of one wave and wakes the scheduler when the last one ends; as a
 * {@link BooleanSupplier}, whether the wave is unfinished.
 */
final class WaveTracker implements StepEnds, BooleanSupplier {
  private final AtomicInteger remaining;
  private final ReentrantLock lock;
  private final Condition changed;

  /** A wave of {@code steps} steps whose last one signals {@code changed} under {@code lock}. */
  WaveTracker(int steps, ReentrantLock lock, Condition changed) {
    this.remaining = new AtomicInteger(steps);
    this.lock = lock;
    this.changed = changed;
  }

  @Override
  public void stepDone(StepRun step) {
    // Only the last step takes the run's lock, to wake the scheduler (a cancel signals on its
    // own): a lock and a wake-up per step cost a context switch per step. No wake-up is lost:
    // the scheduler checks the count under the lock, which this signal needs too.
    if (remaining.decrementAndGet() == 0) {
      lock.lock();
      try {
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Whether a step of the wave is unfinished. */
  @Override
  public boolean getAsBoolean() {
    return remaining.get() > 0;
  }
}
