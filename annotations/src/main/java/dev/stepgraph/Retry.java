package dev.stepgraph;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Retries a {@link Step} that fails, with exponential backoff and jitter.
 *
 * <p>Attempt {@code n + 1} starts {@code min(backoff * multiplier^(n-1), maxBackoff)} after
 * attempt {@code n} failed, spread by {@code jitter}. Each attempt starts with a clean slate: what
 * a failed attempt emitted is discarded. Every value is checked at compile time.
 *
 * <p>Which failures are retried: those of a type in {@link #retryOn()} (by default every one),
 * except those of a type in {@link #noRetryOn()}; the type of what the attempt threw counts, a
 * subclass matching its superclass, and a timed-out attempt counts as a {@code
 * java.util.concurrent.TimeoutException}. What cannot succeed on a retry is never retried,
 * whatever is listed: a {@code dev.stepgraph.runtime.NonRetryableException} (an authentication
 * failure, say), which a missing or malformed configuration value is too ({@code
 * ConfigException}), and an entity key already emitted.
 *
 * <pre>{@code
 * @Step(id = "users", timeout = "30s")
 * @Retry(attempts = 3, backoff = "1s", retryOn = IOException.class, noRetryOn = FileNotFoundException.class)
 * void users(StepContext ctx) throws Exception { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Retry {

  /** How many attempts in all, the first included; at least 1. */
  int attempts() default 3;

  /** The delay before the second attempt, as a duration ({@code "500ms"}, {@code "2s"}, {@code "PT1S"}). */
  String backoff() default "1s";

  /** How much each later delay grows: at least 1.0 ({@code 1.0} keeps the delay constant). */
  double multiplier() default 2.0;

  /** The longest delay between two attempts; not shorter than {@link #backoff()}. */
  String maxBackoff() default "1m";

  /**
   * How much each delay is spread at random, as a fraction from 0 to 1: {@code 0.2} makes a 10 s
   * delay anything from 8 s to 12 s, so that many connectors do not retry in lockstep. 0 turns
   * it off.
   */
  double jitter() default 0.2;

  /**
   * The failures that are retried, by type (subclasses included); empty, the default, retries
   * every failure but those of {@link #noRetryOn()}.
   */
  Class<? extends Throwable>[] retryOn() default {};

  /**
   * The failures that are never retried, by type (subclasses included), even when {@link
   * #retryOn()} lists a superclass: {@code retryOn = IOException.class, noRetryOn =
   * FileNotFoundException.class}.
   */
  Class<? extends Throwable>[] noRetryOn() default {};
}
