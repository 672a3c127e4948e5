package dev.stepgraph.runtime.graph;

import dev.stepgraph.runtime.NonRetryableException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How a failed step is retried: {@code attempts} in all, attempt {@code n + 1} starting {@code
 * min(backoff * multiplier^(n-1), maxBackoff)} after attempt {@code n} failed, spread at random by
 * {@code jitter} (a fraction from 0 to 1), if what attempt {@code n} threw is {@link
 * #retriesOn(Throwable) retried}. Declared with {@code @Retry} and checked by the processor; the
 * constructor checks it again for graphs built by hand.
 *
 * <pre>{@code
 * RetryPolicy.of(3, Duration.ofMillis(500), 2.0, Duration.ofMinutes(1), 0.2)
 *     .withRetryOn(IOException.class)
 *     .withNoRetryOn(FileNotFoundException.class)
 * }</pre>
 *
 * @param attempts how many attempts in all, at least 1
 * @param backoff the delay before the second attempt
 * @param multiplier how much each later delay grows, at least 1.0
 * @param maxBackoff the longest delay, not shorter than {@code backoff}
 * @param jitter the random spread of each delay, from 0 to 1
 * @param retryOn the failures retried, by type (subclasses included); empty for every failure
 * @param noRetryOn the failures never retried, by type (subclasses included), even if {@code
 *     retryOn} lists a superclass
 */
public record RetryPolicy(
    int attempts,
    Duration backoff,
    double multiplier,
    Duration maxBackoff,
    double jitter,
    List<Class<? extends Throwable>> retryOn,
    List<Class<? extends Throwable>> noRetryOn) {

  /** One attempt, no retry. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO, 0);

  public RetryPolicy {
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    retryOn = List.copyOf(retryOn);
    noRetryOn = List.copyOf(noRetryOn);
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

  /** A policy that retries every failure (but what {@link #retriesOn} never retries). */
  public RetryPolicy(
      int attempts, Duration backoff, double multiplier, Duration maxBackoff, double jitter) {
    this(attempts, backoff, multiplier, maxBackoff, jitter, List.of(), List.of());
  }

  /** {@code attempts} attempts with these delays, retrying every failure. */
  public static RetryPolicy of(
      int attempts, Duration backoff, double multiplier, Duration maxBackoff, double jitter) {
    return new RetryPolicy(attempts, backoff, multiplier, maxBackoff, jitter);
  }

  /** This policy, retrying only failures of these types (and their subclasses). */
  @SafeVarargs
  public final RetryPolicy withRetryOn(Class<? extends Throwable>... types) {
    return new RetryPolicy(
        attempts, backoff, multiplier, maxBackoff, jitter, List.of(types), noRetryOn);
  }

  /** This policy, never retrying failures of these types (and their subclasses). */
  @SafeVarargs
  public final RetryPolicy withNoRetryOn(Class<? extends Throwable>... types) {
    return new RetryPolicy(
        attempts, backoff, multiplier, maxBackoff, jitter, retryOn, List.of(types));
  }

  /** Whether a failed attempt can be followed by another. */
  public boolean retries() {
    return attempts > 1;
  }

  /**
   * Whether an attempt that failed with {@code failure} is retried, attempts permitting: never for
   * a {@link NonRetryableException} (a {@link dev.stepgraph.runtime.ConfigException} among them)
   * or a type of {@link #noRetryOn()}; else if {@link #retryOn()} is empty or holds its type. The
   * type of the failure itself counts, not that of its causes; a timed-out attempt is a {@link
   * java.util.concurrent.TimeoutException}.
   */
  public boolean retriesOn(Throwable failure) {
    if (failure instanceof NonRetryableException) {
      return false;
    }
    for (Class<? extends Throwable> type : noRetryOn) {
      if (type.isInstance(failure)) {
        return false;
      }
    }
    if (retryOn.isEmpty()) {
      return true;
    }
    for (Class<? extends Throwable> type : retryOn) {
      if (type.isInstance(failure)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Which failures are retried, in words, for {@code plan}: {@code on IOException or
   * TimeoutException except FileNotFoundException}; empty when every failure is.
   */
  String describeFailures() {
    StringBuilder out = new StringBuilder();
    if (!retryOn.isEmpty()) {
      out.append("on ").append(simpleNames(retryOn));
    }
    if (!noRetryOn.isEmpty()) {
      out.append(out.length() == 0 ? "" : " ").append("except ").append(simpleNames(noRetryOn));
    }
    return out.toString();
  }

  private static String simpleNames(List<Class<? extends Throwable>> types) {
    StringBuilder out = new StringBuilder();
    for (Class<? extends Throwable> type : types) {
      out.append(out.length() == 0 ? "" : " or ").append(type.getSimpleName());
    }
    return out.toString();
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
