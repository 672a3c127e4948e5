package dev.stepgraph.temporal;

import dev.stepgraph.runtime.run.StepStatus;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.api.enums.v1.TimeoutType;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A step's failed activity as how the step ended. The worker throws an {@link ApplicationFailure}
 * whose type is the error's class and whose details are the step's status, the attempt and where
 * it failed; a worker that died or stopped answering shows as the engine's {@link TimeoutFailure}.
 */
final class StepFailures {
  private StepFailures() {}

  /**
   * The error type of a worker's refusal of a step because its store does not hold the run: the
   * run cannot go on ({@link TemporalExecution} stops it), where a step's own failure is the
   * step's.
   */
  static final String UNSHARED_STORE = "dev.stepgraph.temporal.UnsharedStore";

  /** The failure a worker reports for a failed attempt. */
  static ApplicationFailure of(
      StepStatus status,
      int attempt,
      String type,
      @Nullable String message,
      @Nullable String where,
      boolean retryable) {
    String text = message == null ? "" : message;
    Object[] details = {status.name(), attempt, where == null ? "" : where};
    return retryable
        ? ApplicationFailure.newFailure(text, type, details)
        : ApplicationFailure.newNonRetryableFailure(text, type, details);
  }

  /**
   * Whether the activity's last attempt ended because its worker stopped heartbeating: it died,
   * or lost the service, in the middle of the step.
   */
  static boolean workerLost(Throwable failure) {
    Throwable cause = failure instanceof ActivityFailure && failure.getCause() != null
        ? failure.getCause()
        : failure;
    return cause instanceof TimeoutFailure timeout
        && timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_HEARTBEAT;
  }

  /** How a step ended whose activity failed so, after its worker was lost {@code losses} times. */
  static Ended ended(StepSpec spec, Throwable failure, int losses) {
    Throwable cause = failure instanceof ActivityFailure && failure.getCause() != null
        ? failure.getCause()
        : failure;
    if (cause instanceof ApplicationFailure app && app.getDetails().getSize() >= 3) {
      String status = app.getDetails().get(0, String.class);
      Integer attempt = app.getDetails().get(1, Integer.class);
      String where = app.getDetails().get(2, String.class);
      String message = app.getOriginalMessage();
      return Ended.failure(spec.id(), status, attempt == null ? 1 : attempt, app.getType(),
          message == null || message.isEmpty() ? null : message,
          where == null || where.isEmpty() ? null : where);
    }
    if (cause instanceof TimeoutFailure timeout) {
      boolean stepTimeout =
          spec.timeoutMillis() > 0 && timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE;
      return Ended.failure(spec.id(), stepTimeout ? StepStatus.TIMED_OUT.name() : StepStatus.FAILED.name(),
          spec.attempts(), TimeoutException.class.getName(),
          stepTimeout
              ? "its worker did not report within the step's timeout"
              : losses == 0
                  ? "its worker stopped answering (it died or lost the service) on its last attempt"
                  : "its worker stopped answering (it died or lost the service) on its last attempt,"
                      + " after it had been run again " + losses + " times for workers that did",
          null);
    }
    if (cause instanceof CanceledFailure) {
      return Ended.failure(spec.id(), StepStatus.CANCELLED.name(), 1,
          java.util.concurrent.CancellationException.class.getName(), "the run was cancelled",
          null);
    }
    return Ended.failure(spec.id(), StepStatus.FAILED.name(), 1, cause.getClass().getName(),
        cause.getMessage(), null);
  }
}
