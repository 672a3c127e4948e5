package dev.stepgraph.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one step of a run.
 *
 * @param stepId the step id
 * @param wave the wave the step ran in (of the run's, possibly selected, graph)
 * @param status how the step ended
 * @param duration how long the step ran; zero if it never started
 * @param entityCounts entities committed by type, in order of first emission; empty unless
 *     {@link StepStatus#SUCCEEDED}
 * @param relationshipCount relationships committed; 0 unless succeeded
 * @param error what made the step fail or stop, if anything
 * @param entities the committed entities in emission order; empty unless succeeded
 * @param relationships the committed relationships in emission order; empty unless succeeded
 */
public record StepResult(
    String stepId,
    int wave,
    StepStatus status,
    Duration duration,
    Map<String, Integer> entityCounts,
    int relationshipCount,
    @Nullable Throwable error,
    List<Entity> entities,
    List<Relationship> relationships) {

  public StepResult {
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(entityCounts, "entityCounts");
    Objects.requireNonNull(entities, "entities");
    Objects.requireNonNull(relationships, "relationships");
  }

  /** The error as one line, {@code SimpleName: message}, or empty when there is none. */
  public String errorSummary() {
    return error == null ? "" : Errors.summary(error);
  }
}
