package dev.stepgraph.temporal;

import dev.stepgraph.runtime.NonRetryableException;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * A step's policy as the options of its activity. The step's timeout is enforced by the worker,
 * which reports the attempt as timed out; the activity's start-to-close timeout is that timeout
 * and a margin, for a worker that cannot report. The heartbeat timeout notices a worker that died
 * in the middle of a step within seconds, so that the attempt is retried on another. {@code
 * @Retry} is the retry options (attempts, initial interval, coefficient, maximum interval; Temporal
 * has no jitter), with {@link NonRetryableException} never retried; without it one attempt.
 */
final class StepOptions {
  /** What a step's activity may take beyond the step's own timeout. */
  static final Duration TIMEOUT_MARGIN = Duration.ofSeconds(30);

  /** The start-to-close timeout of a step without a timeout: the heartbeat watches it. */
  static final Duration NO_TIMEOUT = Duration.ofDays(7);

  /** How long a step's worker may go without a heartbeat before the attempt is given up. */
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(5);

  private StepOptions() {}

  static ActivityOptions of(StepSpec spec, String taskQueue) {
    RetryOptions.Builder retry =
        RetryOptions.newBuilder()
            .setMaximumAttempts(Math.max(1, spec.attempts()))
            .setDoNotRetry(NonRetryableException.class.getName());
    if (spec.attempts() > 1) {
      Duration initial = Duration.ofMillis(Math.max(1, spec.initialIntervalMillis()));
      retry.setInitialInterval(initial).setBackoffCoefficient(Math.max(1.0, spec.backoffCoefficient()));
      if (spec.maxIntervalMillis() > 0) {
        retry.setMaximumInterval(
            Duration.ofMillis(Math.max(spec.maxIntervalMillis(), initial.toMillis())));
      }
    }
    return ActivityOptions.newBuilder()
        .setTaskQueue(taskQueue)
        .setStartToCloseTimeout(
            spec.timeoutMillis() > 0
                ? Duration.ofMillis(spec.timeoutMillis()).plus(TIMEOUT_MARGIN)
                : NO_TIMEOUT)
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setRetryOptions(retry.build())
        .build();
  }
}
