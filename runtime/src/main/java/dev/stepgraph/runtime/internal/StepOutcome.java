package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.run.RunEvent;
import dev.stepgraph.runtime.run.StepResult;
import dev.stepgraph.runtime.run.StepStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How one step ended: written once, by whoever ended it ({@link StepRun}), read by the scheduler
 * after the wave; the event that says so and the step's {@link StepResult}. The fields are set
 * before anything is allocated, so an outcome is recorded even out of heap.
 */
final class StepOutcome {
  /** The steps upstream that did not succeed, known when the step is created. */
  private final Set<String> failedDependencies;
  volatile StepStatus status = StepStatus.NOT_RUN;
  volatile long durationNanos;
  volatile @Nullable Throwable error;
  volatile @Nullable StepEmissions output;
  volatile int attempts;
  volatile @Nullable String skipReason;
  private volatile boolean endPublished;
  private volatile @Nullable StackTraceElement location;
  private volatile boolean located;

  StepOutcome(Set<String> failedDependencies) {
    this.failedDependencies = failedDependencies;
  }

  /** What the step emitted, if it succeeded. */
  @Nullable StepEmissions committed() {
    return status == StepStatus.SUCCEEDED ? output : null;
  }

  /**
   * Publishes the event of the step's outcome, once; the scheduler calls it again after the wave
   * for a step whose own thread could not (out of heap, say).
   */
  void publishEnd(RunContext run, StepDefinition step) {
    if (endPublished || status == StepStatus.NOT_RUN) {
      return;
    }
    Duration duration = Duration.ofNanos(durationNanos);
    RunEvent event;
    switch (status) {
      case SUCCEEDED -> {
        StepEmissions committed = Objects.requireNonNull(output);
        event =
            new RunEvent.StepCompleted(
                run.clock().instant(),
                step.id(),
                duration,
                committed.entityCounts(),
                committed.relationships.size(),
                attempts,
                failedDependencies);
      }
      case SKIPPED ->
          event =
              new RunEvent.StepSkipped(
                  run.clock().instant(), step.id(), Objects.requireNonNull(skipReason));
      case CANCELLED ->
          event = new RunEvent.StepCancelled(run.clock().instant(), step.id(), duration);
      case TIMED_OUT ->
          event =
              new RunEvent.StepTimedOut(
                  run.clock().instant(),
                  step.id(),
                  duration,
                  Objects.requireNonNull(step.policy().timeout()),
                  attempts);
      default ->
          event =
              new RunEvent.StepFailed(
                  run.clock().instant(),
                  step.id(),
                  duration,
                  Objects.requireNonNull(error),
                  attempts,
                  location(run));
    }
    run.publish(event);
    endPublished = true;
  }

  @Nullable StepEmissions output() {
    return status == StepStatus.SUCCEEDED ? output : null;
  }

  /**
   * Where in the connector's code a failed step failed, found once (not when the step ends: that
   * must allocate nothing); null for a step that did not fail, or when no frame is the connector's.
   */
  @Nullable StackTraceElement location(RunContext run) {
    if (!located) {
      Throwable failure = error;
      location = status == StepStatus.FAILED && failure != null ? run.locations().find(failure) : null;
      located = true;
    }
    return location;
  }

  StepResult result(RunContext run, StepDefinition step, int wave) {
    StepEmissions committed = output;
    Duration duration = Duration.ofNanos(durationNanos);
    if (status == StepStatus.SUCCEEDED && committed != null) {
      return new StepResult(
          step.id(),
          wave,
          status,
          duration,
          committed.entityCounts(),
          committed.relationships.size(),
          null,
          committed.entities,
          committed.relationships,
          attempts,
          null,
          null,
          failedDependencies);
    }
    return new StepResult(
        step.id(), wave, status, duration, Map.of(), 0, error, List.of(), List.of(), attempts,
        skipReason, location(run), failedDependencies);
  }
}
