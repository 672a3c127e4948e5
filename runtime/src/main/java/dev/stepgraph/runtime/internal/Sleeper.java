package dev.stepgraph.runtime.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits out the backoff between two attempts of a step; tests inject one that does not wait. */
@FunctionalInterface
public interface Sleeper {
  /** Really waits; a cancel interrupts it. (A class, not a lambda: {@link RunScheduler}.) */
  Sleeper SYSTEM =
      new Sleeper() {
        @Override
        public void sleep(Duration duration) throws InterruptedException {
          TimeUnit.NANOSECONDS.sleep(saturatedNanos(duration));
        }
      };

  /**
   * Waits this long.
   *
   * @throws InterruptedException when the run is cancelled meanwhile: no further attempt
   */
  void sleep(Duration duration) throws InterruptedException;

  static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
