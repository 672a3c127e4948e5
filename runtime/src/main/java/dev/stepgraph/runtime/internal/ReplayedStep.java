package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.run.RemoteOutcome;
import dev.stepgraph.runtime.run.RunEvent;
import dev.stepgraph.runtime.run.StepResult;
import dev.stepgraph.runtime.run.StepStatus;
import dev.stepgraph.runtime.store.RunFiles;
import dev.stepgraph.runtime.store.RunStoreException;
import dev.stepgraph.runtime.store.StepData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * One step of a {@link RemoteReplay}: its reported outcome as the result and the event a local
 * run would have for it.
 */
final class ReplayedStep {
  private ReplayedStep() {}

  /**
   * The step's result; a succeeded step's data is read back through {@code read}, and a step whose
   * file cannot be read back fails with the store's message.
   */
  static StepResult result(
      StepDefinition step,
      int wave,
      RemoteOutcome outcome,
      Duration duration,
      Set<String> failedDependencies,
      BiFunction<String, RunFiles.StepFile, StepData> read) {
    String id = step.id();
    int attempts = outcome.attempts();
    if (outcome instanceof RemoteOutcome.Succeeded succeeded) {
      StepData data;
      try {
        data = read.apply(id, succeeded.data());
      } catch (RunStoreException unreadable) {
        return failed(id, wave, StepStatus.FAILED, duration, unreadable, attempts, null,
            failedDependencies);
      }
      return new StepResult(id, wave, StepStatus.SUCCEEDED, duration,
          succeeded.data().entityCounts(), succeeded.data().relationshipCount(), null,
          data.entities(), data.relationships(), attempts, null, null, failedDependencies);
    }
    if (outcome instanceof RemoteOutcome.Skipped skipped) {
      return new StepResult(id, wave, StepStatus.SKIPPED, duration, Map.of(), 0, null, List.of(),
          List.of(), attempts, skipped.reason(), null, failedDependencies);
    }
    if (outcome instanceof RemoteOutcome.Failed failed) {
      return failed(id, wave, StepStatus.FAILED, duration, RemoteReplay.error(failed.failure()),
          attempts, failed.failure().where(), failedDependencies);
    }
    if (outcome instanceof RemoteOutcome.TimedOut timedOut) {
      return failed(id, wave, StepStatus.TIMED_OUT, duration,
          RemoteReplay.error(timedOut.failure()), attempts, null, failedDependencies);
    }
    return failed(id, wave, StepStatus.CANCELLED, duration,
        new java.util.concurrent.CancellationException("the run was cancelled"), attempts, null,
        failedDependencies);
  }

  private static StepResult failed(
      String id,
      int wave,
      StepStatus status,
      Duration duration,
      Throwable error,
      int attempts,
      @org.jspecify.annotations.Nullable StackTraceElement where,
      Set<String> failedDependencies) {
    return new StepResult(id, wave, status, duration, Map.of(), 0, error, List.of(), List.of(),
        attempts, null, where, failedDependencies);
  }

  /** The event of the step's end, as a local run publishes it. */
  static RunEvent event(Instant time, StepDefinition step, StepResult result) {
    Duration duration = result.duration();
    return switch (result.status()) {
      case SUCCEEDED -> new RunEvent.StepCompleted(time, step.id(), duration,
          result.entityCounts(), result.relationshipCount(), result.attempts(),
          result.failedDependencies());
      case SKIPPED -> new RunEvent.StepSkipped(time, step.id(),
          Objects.requireNonNull(result.skipReason()));
      case TIMED_OUT -> new RunEvent.StepTimedOut(time, step.id(), duration,
          Objects.requireNonNull(step.policy().timeout(), "a step without a timeout timed out"),
          result.attempts());
      case CANCELLED -> new RunEvent.StepCancelled(time, step.id(), duration);
      default -> new RunEvent.StepFailed(time, step.id(), duration,
          Objects.requireNonNull(result.error()), result.attempts(), result.failureLocation());
    };
  }
}
