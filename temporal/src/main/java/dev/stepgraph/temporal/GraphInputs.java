package dev.stepgraph.temporal;

import dev.stepgraph.Schedule;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.RetryPolicy;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.run.RemoteExecution;
import dev.stepgraph.runtime.run.RemoteFailure;
import dev.stepgraph.runtime.run.RemoteOutcome;
import dev.stepgraph.runtime.run.StepStatus;
import dev.stepgraph.runtime.store.RunFiles;
import dev.stepgraph.runtime.store.StepRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Between the runner's terms and the workflow's: a run as its input, an ended step as its outcome. */
final class GraphInputs {
  private GraphInputs() {}

  static GraphInput of(RemoteExecution.Run run, String taskQueue) {
    ConnectorGraph graph = run.graph();
    List<StepSpec> steps = new ArrayList<>();
    Map<String, Integer> waveOf = new LinkedHashMap<>();
    List<List<StepDefinition>> waves = graph.waves();
    for (int i = 0; i < waves.size(); i++) {
      for (StepDefinition step : waves.get(i)) {
        waveOf.put(step.id(), i);
      }
    }
    for (StepDefinition step : graph.steps()) {
      RetryPolicy retry = step.policy().retry();
      Duration timeout = step.policy().timeout();
      steps.add(new StepSpec(step.id(), waveOf.get(step.id()), step.dependsOn(),
          timeout == null ? 0 : timeout.toMillis(), retry.attempts(), retry.backoff().toMillis(),
          retry.multiplier(), retry.maxBackoff().toMillis(),
          step.policy().skipOnDependencyFailure()));
    }
    Map<String, Ended> reused = new LinkedHashMap<>();
    run.reused().forEach((id, outcome) -> reused.put(id, ended(id, outcome)));
    return new GraphInput(graph.id(), run.runId(), run.session(),
        graph.schedule() == Schedule.EAGER, steps, run.toRun(), reused, taskQueue);
  }

  /** A reused step as the workflow holds it. */
  private static Ended ended(String stepId, RemoteOutcome outcome) {
    if (outcome instanceof RemoteOutcome.Succeeded succeeded) {
      StepRecord.DataFile file = succeeded.data().file();
      return new Ended(stepId, StepStatus.SUCCEEDED.name(), succeeded.attempts(),
          file == null ? null : file.name(), file == null ? 0 : file.bytes(),
          file == null ? null : file.checksum(), succeeded.data().entityCounts(),
          succeeded.data().relationshipCount(), null, null, null);
    }
    RemoteOutcome.Skipped skipped = (RemoteOutcome.Skipped) outcome;
    return Ended.skipped(stepId, skipped.reason(), skipped.attempts());
  }

  /** How a step ended, in the runner's terms. */
  static RemoteOutcome outcome(Ended end) {
    switch (StepStatus.valueOf(end.status())) {
      case SUCCEEDED -> {
        String name = end.file();
        return new RemoteOutcome.Succeeded(
            new RunFiles.StepFile(
                name == null
                    ? null
                    : new StepRecord.DataFile(name, end.bytes(), String.valueOf(end.checksum())),
                end.entityCounts(), end.relationships()),
            end.attempts());
      }
      case SKIPPED -> {
        return new RemoteOutcome.Skipped(String.valueOf(end.reason()), end.attempts());
      }
      case CANCELLED -> {
        return new RemoteOutcome.Cancelled(end.attempts());
      }
      case TIMED_OUT -> {
        return new RemoteOutcome.TimedOut(failure(end));
      }
      default -> {
        return new RemoteOutcome.Failed(failure(end));
      }
    }
  }

  private static RemoteFailure failure(Ended end) {
    return new RemoteFailure(
        end.errorType() == null ? RuntimeException.class.getName() : end.errorType(),
        end.reason(), end.attempts(), RemoteFailure.frame(end.where()));
  }
}
