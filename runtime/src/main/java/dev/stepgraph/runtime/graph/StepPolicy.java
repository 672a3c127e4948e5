package dev.stepgraph.runtime.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the runtime does around one step: its timeout, its retries, and whether it is skipped when
 * a step it depends on did not succeed. Declared on {@code @Step} and {@code @Retry}, checked and
 * resolved (connector defaults included) by the processor. Immutable.
 *
 * <pre>{@code
 * StepPolicy.DEFAULT
 *     .withTimeout(Duration.ofSeconds(30))
 *     .withRetry(RetryPolicy.of(3, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0.2))
 *     .withSkipOnDependencyFailure(true)
 * }</pre>
 *
 * @param timeout how long one attempt may take; {@code null} for no limit
 * @param retry how failed attempts are retried
 * @param skipOnDependencyFailure whether the step is skipped, rather than run on incomplete prior
 *     data, when a step it depends on did not succeed
 */
public record StepPolicy(
    @Nullable Duration timeout, RetryPolicy retry, boolean skipOnDependencyFailure) {

  /** No timeout, one attempt, run even when a dependency failed. */
  public static final StepPolicy DEFAULT = new StepPolicy(null, RetryPolicy.NONE, false);

  public StepPolicy {
    Objects.requireNonNull(retry, "retry");
    if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
  }

  /** The timeout, if any. */
  public Optional<Duration> timeoutIfAny() {
    return Optional.ofNullable(timeout);
  }

  public StepPolicy withTimeout(Duration limit) {
    return new StepPolicy(Objects.requireNonNull(limit, "timeout"), retry, skipOnDependencyFailure);
  }

  public StepPolicy withRetry(RetryPolicy retryPolicy) {
    return new StepPolicy(timeout, retryPolicy, skipOnDependencyFailure);
  }

  public StepPolicy withSkipOnDependencyFailure(boolean skip) {
    return new StepPolicy(timeout, retry, skip);
  }

  /** Whether this is {@link #DEFAULT}. */
  public boolean isDefault() {
    return equals(DEFAULT);
  }

  /**
   * The policy in words, for {@code ConnectorMain plan}: {@code timeout 30s, retry 3 attempts
   * (backoff 500ms, x2.0, max 1m, jitter 0.2), on dependency failure skip}; only what differs from
   * the default, so empty for {@link #DEFAULT}.
   */
  public String describe() {
    List<String> parts = new ArrayList<>(3);
    if (timeout != null) {
      parts.add("timeout " + formatDuration(timeout));
    }
    if (retry.retries()) {
      parts.add(
          "retry " + retry.attempts() + " attempts (backoff " + formatDuration(retry.backoff())
              + ", x" + retry.multiplier() + ", max " + formatDuration(retry.maxBackoff())
              + ", jitter " + retry.jitter() + ")");
    }
    if (skipOnDependencyFailure) {
      parts.add("on dependency failure skip");
    }
    return String.join(", ", parts);
  }

  /**
   * A duration the way durations are declared on {@code @Step} and {@code @Retry}: {@code 500ms},
   * {@code 30s}, {@code 5m}, {@code 1h}, and mixed {@code 1m30s} or {@code 2s250ms}; {@code 0ms}
   * for zero. Any sub-millisecond rest is appended in nanoseconds ({@code 1ms500000ns}).
   */
  public static String formatDuration(Duration duration) {
    if (duration.isNegative()) {
      return "-" + formatDuration(duration.negated());
    }
    if (duration.isZero()) {
      return "0ms";
    }
    StringBuilder out = new StringBuilder();
    long hours = duration.toHours();
    long minutes = duration.toMinutes() % 60;
    long seconds = duration.getSeconds() % 60;
    long nanos = duration.getNano();
    long millis = nanos / 1_000_000;
    long restNanos = nanos % 1_000_000;
    append(out, hours, "h");
    append(out, minutes, "m");
    append(out, seconds, "s");
    append(out, millis, "ms");
    append(out, restNanos, "ns");
    return out.toString();
  }

  private static void append(StringBuilder out, long amount, String unit) {
    if (amount != 0) {
      out.append(amount).append(unit);
    }
  }
}
