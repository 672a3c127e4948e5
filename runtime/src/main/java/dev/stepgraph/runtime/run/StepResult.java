package dev.stepgraph.runtime.run;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.StepContext;
import dev.stepgraph.runtime.internal.Errors;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one step of a run.
 *
 * @param stepId the step id
 * @param wave the wave the step ran in (of the run's, possibly selected, graph)
 * @param status how the step ended
 * @param duration how long the step ran; zero if it never started
 * @param entityCounts entities committed by type, in order of first emission; empty unless
 *     {@link StepStatus#SUCCEEDED} or {@link StepStatus#REUSED}
 * @param relationshipCount relationships committed; 0 unless succeeded or reused
 * @param error what made the step fail or stop, if anything
 * @param entities the committed entities in emission order; empty unless succeeded or reused
 * @param relationships the committed relationships in emission order; empty unless succeeded or
 *     reused
 * @param attempts how many times the step was attempted (retries included); 0 if it never ran in
 *     this run (not run, reused)
 * @param skipReason why the step was skipped, when {@link StepStatus#SKIPPED}: {@code dependency
 *     'hosts' failed}, or the reason given to {@link StepContext#skip(String)}; for {@link
 *     StepStatus#REUSED}, why it was skipped when it was recorded, if it was
 * @param failureLocation where in the connector's own code a {@link StepStatus#FAILED failed} step
 *     failed: the first frame of the error's stack trace (or of its causes') whose class is in the
 *     connector's package or below, in a connector superclass's package, or in the connector's
 *     module, never one of the JDK, the Stepgraph runtime or a generated {@code _StepGraph}
 *     class; for a graph without a connector class, the first frame that is none of those. Null
 *     when there is none, and for a step that did not fail
 * @param failedDependencies the steps upstream of this one, directly or transitively, that did not
 *     succeed (see {@link StepContext#failedDependencies()}), in graph order; empty if all did
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
    List<Relationship> relationships,
    int attempts,
    @Nullable String skipReason,
    @Nullable StackTraceElement failureLocation,
    Set<String> failedDependencies) {

  public StepResult {
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(entityCounts, "entityCounts");
    Objects.requireNonNull(entities, "entities");
    Objects.requireNonNull(relationships, "relationships");
    failedDependencies = Collections.unmodifiableSet(new LinkedHashSet<>(failedDependencies));
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative, was " + attempts);
    }
  }

  /** A result without a failure location, whose upstream steps all succeeded. */
  public StepResult(
      String stepId,
      int wave,
      StepStatus status,
      Duration duration,
      Map<String, Integer> entityCounts,
      int relationshipCount,
      @Nullable Throwable error,
      List<Entity> entities,
      List<Relationship> relationships,
      int attempts,
      @Nullable String skipReason) {
    this(
        stepId, wave, status, duration, entityCounts, relationshipCount, error, entities,
        relationships, attempts, skipReason, null, Set.of());
  }

  /**
   * A result without attempt count or skip reason (the shape before step policies): one attempt,
   * none if {@link StepStatus#NOT_RUN}.
   */
  public StepResult(
      String stepId,
      int wave,
      StepStatus status,
      Duration duration,
      Map<String, Integer> entityCounts,
      int relationshipCount,
      @Nullable Throwable error,
      List<Entity> entities,
      List<Relationship> relationships) {
    this(
        stepId, wave, status, duration, entityCounts, relationshipCount, error, entities,
        relationships, status == StepStatus.NOT_RUN ? 0 : 1, null);
  }

  /**
   * Why the step did not succeed, as one line: the skip reason of a skipped step, else the error
   * summary ({@code TimeoutException: timed out after 30s}); empty for a step that succeeded.
   */
  public String reason() {
    if (status == StepStatus.SKIPPED && skipReason != null) {
      return skipReason;
    }
    return errorSummary();
  }

  /**
   * Whether the step succeeded on incomplete upstream data: it ran although a step upstream of it
   * did not succeed ({@link #failedDependencies()}), so what it emitted may be missing or wrong
   * where it would have used that step's data (JupiterOne calls such data partial).
   */
  public boolean partial() {
    return status == StepStatus.SUCCEEDED && !failedDependencies.isEmpty();
  }

  /**
   * The fully qualified class name of the error, {@code java.io.IOException}, as the run store
   * records it (of the original error for a copy whose secrets are masked); null without one.
   */
  public @Nullable String errorType() {
    return error == null ? null : Errors.className(error);
  }

  /** The error as one line, {@code SimpleName: message}, or empty when there is none. */
  public String errorSummary() {
    return error == null ? "" : Errors.summary(error);
  }
}
