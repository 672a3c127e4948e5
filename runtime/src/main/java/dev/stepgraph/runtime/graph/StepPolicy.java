package dev.stepgraph.runtime.graph;

import dev.stepgraph.runtime.run.StepStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /**
   * Why a step of this policy does not run because a step it depends on did not succeed: its
   * first direct dependency, in {@code dependsOn} order, found in {@code unsuccessful}, e.g.
   * {@code dependency 'hosts' failed}; null if it runs (the policy does not skip, or every
   * dependency succeeded). The rule of every run, local or on another engine.
   *
   * @param dependsOn the step's direct dependencies, in declaration order
   * @param unsuccessful the steps that ended without succeeding, with how they ended
   */
  public @Nullable String dependencySkipReason(
      List<String> dependsOn, Map<String, StepStatus> unsuccessful) {
    if (!skipOnDependencyFailure) {
      return null;
    }
    for (String dependency : dependsOn) {
      StepStatus status = unsuccessful.get(dependency);
      if (status != null) {
        return "dependency '" + dependency + "' " + describe(status);
      }
    }
    return null;
  }

  private static String describe(StepStatus status) {
    return switch (status) {
      case FAILED -> "failed";
      case TIMED_OUT -> "timed out";
      case SKIPPED -> "was skipped";
      case CANCELLED -> "was cancelled";
      case NOT_RUN -> "did not run";
      default -> status.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** Whether this is {@link #DEFAULT}. */
  public boolean isDefault() {
    return equals(DEFAULT);
  }

  /**
   * The policy in words, for {@code ConnectorMain plan}: {@code timeout 30s, retry 3 attempts
   * (backoff 500ms, x2.0, max 1m, jitter 0.2), on dependency failure skip}, with the failures
   * retried if not all are ({@code retry 3 attempts on IOException except FileNotFoundException
   * (backoff ...)}); only what differs from the default, so empty for {@link #DEFAULT}.
   */
  public String describe() {
    List<String> parts = new ArrayList<>(3);
    if (timeout != null) {
      parts.add("timeout " + formatDuration(timeout));
    }
    if (retry.retries()) {
      String failures = retry.describeFailures();
      parts.add(
          "retry " + retry.attempts() + " attempts" + (failures.isEmpty() ? "" : " " + failures)
              + " (backoff " + formatDuration(retry.backoff()) + ", x" + retry.multiplier()
              + ", max " + formatDuration(retry.maxBackoff()) + ", jitter " + retry.jitter() + ")");
    }
    if (skipOnDependencyFailure) {
      parts.add("on dependency failure skip");
    }
    return String.join(", ", parts);
  }

  /**
   * A duration the one way Stepgraph prints durations, in events, summaries, {@code plan}, messages
   * and the generated Javadoc: {@code 0ms}; under a second whole milliseconds, {@code 350ms} ({@code
   * <1ms} for less than half of one); under a minute seconds to a tenth, {@code 1.1s}, {@code 30s};
   * from a minute on whole seconds in hours, minutes and seconds, zero parts left out, {@code
   * 2m30s}, {@code 5m}, {@code 1h}, {@code 1h5s}. Each rounds half up to what it shows, so {@code
   * 1098ms} prints as {@code 1.1s} and {@code 59.96s} as {@code 1m}. The processor prints the Javadoc of generated graphs by the same rules; the README's
   * table of durations holds both to them.
   */
  public static String formatDuration(Duration duration) {
    if (duration.isNegative()) {
      return "-" + formatDuration(duration.negated());
    }
    if (duration.isZero()) {
      return "0ms";
    }
    long seconds = duration.getSeconds();
    long nanos = duration.getNano();
    if (seconds == 0 && nanos < 999_500_000) {
      long millis = (nanos + 500_000) / 1_000_000;
      return millis == 0 ? "<1ms" : millis + "ms";
    }
    if (seconds < 60) {
      long tenths = seconds * 10 + (nanos + 50_000_000) / 100_000_000;
      if (tenths < 600) {
        return tenths / 10 + (tenths % 10 == 0 ? "" : "." + tenths % 10) + "s";
      }
    }
    long total = nanos >= 500_000_000 && seconds < Long.MAX_VALUE ? seconds + 1 : seconds;
    StringBuilder out = new StringBuilder();
    append(out, total / 3600, "h");
    append(out, total / 60 % 60, "m");
    append(out, total % 60, "s");
    return out.toString();
  }

  private static void append(StringBuilder out, long amount, String unit) {
    if (amount != 0) {
      out.append(amount).append(unit);
    }
  }
}
