package dev.stepgraph.runtime;

import java.time.Duration;
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
}
