package dev.stepgraph.runtime.graph;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How a failed step is retried: {@code attempts} in all, attempt {@code n + 1} starting {@code
 * min(backoff * multiplier^(n-1), maxBackoff)} after attempt {@code n} failed, spread at random by
 * {@code jitter} (a fraction from 0 to 1). Declared with {@code @Retry} and checked by the
 * processor; the constructor checks it again for graphs built by hand.
 *
 * @param attempts how many attempts in all, at least 1
 * @param backoff the delay before the second attempt
 * @param multiplier how much each later delay grows, at least 1.0
 * @param maxBackoff the longest delay, not shorter than {@code backoff}
 * @param jitter the random spread of each delay, from 0 to 1
 */
public record RetryPolicy(
    int attempts, Duration backoff, double multiplier, Duration maxBackoff, double jitter) {

  /** One attempt, no retry. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO, 0);

  public RetryPolicy {
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
    }
    if (backoff.isNegative()) {
      throw new IllegalArgumentException("backoff must not be negative, was " + backoff);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be at least 1.0, was " + multiplier);
    }
    if (maxBackoff.compareTo(backoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff (" + maxBackoff + ") must not be shorter than backoff (" + backoff + ")");
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be from 0 to 1, was " + jitter);
    }
  }

  /** {@code attempts} attempts with these delays. */
  public static RetryPolicy of(
      int attempts, Duration backoff, double multiplier, Duration maxBackoff, double jitter) {
    return new RetryPolicy(attempts, backoff, multiplier, maxBackoff, jitter);
  }

  /** Whether a failed attempt can be followed by another. */
  public boolean retries() {
    return attempts > 1;
  }

  /**
   * The delay after failed attempt {@code attempt} (1-based), before jitter: {@code min(backoff *
   * multiplier^(attempt-1), maxBackoff)}.
   */
  public Duration delayAfter(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt counts from 1, was " + attempt);
    }
    double millis = millis(backoff) * Math.pow(multiplier, attempt - 1);
    if (millis >= millis(maxBackoff)) {
      return maxBackoff;
    }
    return Duration.ofMillis(Math.round(millis));
  }

  /**
   * The delay after failed attempt {@code attempt}, with jitter: uniform in {@code [d * (1 -
   * jitter), d * (1 + jitter)]} where {@code d} is {@link #delayAfter(int)} (so it may exceed
   * {@code maxBackoff} by the jitter), rounded to the millisecond.
   *
   * @param random uniform in [0, 1); asked only when there is jitter to apply
   */
  public Duration delayAfter(int attempt, DoubleSupplier random) {
    Duration delay = delayAfter(attempt);
    if (jitter == 0 || delay.isZero()) {
      return delay;
    }
    double unit = random.getAsDouble();
    double factor = 1 - jitter + 2 * jitter * unit;
    return Duration.ofMillis(Math.round(millis(delay) * factor));
  }

  /**
   * {@link Duration#toMillis()}, saturated: a delay of more milliseconds than a {@code long} holds
   * (about 292 million years, which the processor allows) counts as {@code Long.MAX_VALUE} instead
   * of failing the step with an overflow.
   */
  private static long millis(Duration duration) {
    try {
      return duration.toMillis();
    } catch (ArithmeticException e) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
