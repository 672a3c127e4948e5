package dev.stepgraph.runtime;

import dev.stepgraph.runtime.run.StepStatus;

import java.util.Objects;

/**
 * Thrown by {@link StepContext#skip(String)}: ends the step as {@link StepStatus#SKIPPED}. The
 * step's context records the skip as well, so a step that catches this exception (a broad {@code
 * catch (Exception e)}, say) still ends skipped. What a skipped step emitted is discarded; a skip
 * is never retried and is not a failure.
 */
public class StepSkippedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  public StepSkippedException(String reason) {
    super(Objects.requireNonNull(reason, "reason"));
    this.reason = reason;
  }

  /** Why the step was skipped. */
  public String reason() {
    return reason;
  }
}
