package dev.stepgraph.runtime.run;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.internal.ConcatList;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run did: the outcome of every step (in wave order, then declaration order) and the
 * committed entities and relationships (those of reused steps included: a resumed run's are the
 * whole inventory, as if it had run in one go).
 *
 * @param connectorId the connector id
 * @param runId the run's id (of the run it resumed, if it did)
 * @param steps the outcome of every step of the run, {@link StepStatus#REUSED reused} ones included
 * @param duration how long the run took
 * @param cancelled whether the run was cancelled
 * @param warnings what went wrong around the steps, one line each, e.g. {@code listener
 *     JsonEvents threw UncheckedIOException: No space left on device}, or {@code 12 events were
 *     not delivered to listener ...}: a listener never changes a step's outcome or stops the run,
 *     so what it threw is reported here, once
 */
public record RunReport(
    String connectorId,
    String runId,
    List<StepResult> steps,
    Duration duration,
    boolean cancelled,
    List<String> warnings) {

  public RunReport {
    Objects.requireNonNull(connectorId, "connectorId");
    Objects.requireNonNull(runId, "runId");
    steps = List.copyOf(steps);
    Objects.requireNonNull(duration, "duration");
    warnings = List.copyOf(warnings);
  }

  /** A report without warnings. */
  public RunReport(
      String connectorId,
      String runId,
      List<StepResult> steps,
      Duration duration,
      boolean cancelled) {
    this(connectorId, runId, steps, duration, cancelled, List.of());
  }

  /**
   * Whether every step succeeded (or was reused from a success) and the run was not cancelled; a
   * skipped step makes this false (see {@link #hasFailures()}).
   */
  public boolean succeeded() {
    if (cancelled) {
      return false;
    }
    for (StepResult step : steps) {
      boolean success =
          step.status() == StepStatus.SUCCEEDED
              || (step.status() == StepStatus.REUSED && step.skipReason() == null);
      if (!success) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a step {@link StepStatus#FAILED failed} or {@link StepStatus#TIMED_OUT timed out}: exit
   * code 1 of the command line. Skipped steps are not failures.
   */
  public boolean hasFailures() {
    return count(StepStatus.FAILED) > 0 || count(StepStatus.TIMED_OUT) > 0;
  }

  /** How many steps ended with this status. */
  public int count(StepStatus status) {
    int count = 0;
    for (StepResult step : steps) {
      if (step.status() == status) {
        count++;
      }
    }
    return count;
  }

  /** The outcome of the step with this id. */
  public Optional<StepResult> step(String stepId) {
    for (StepResult step : steps) {
      if (step.stepId().equals(stepId)) {
        return Optional.of(step);
      }
    }
    return Optional.empty();
  }

  /** Every committed entity, in wave, step and emission order. */
  public List<Entity> entities() {
    List<List<Entity>> parts = new ArrayList<>(steps.size());
    for (StepResult step : steps) {
      parts.add(step.entities());
    }
    return ConcatList.of(parts);
  }

  /** Every committed relationship, in wave, step and emission order. */
  public List<Relationship> relationships() {
    List<List<Relationship>> parts = new ArrayList<>(steps.size());
    for (StepResult step : steps) {
      parts.add(step.relationships());
    }
    return ConcatList.of(parts);
  }
}
