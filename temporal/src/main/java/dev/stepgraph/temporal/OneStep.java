package dev.stepgraph.temporal;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.DataContract;
import dev.stepgraph.runtime.graph.RetryPolicy;
import dev.stepgraph.runtime.graph.StepBody;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.run.StepStatus;
import dev.stepgraph.runtime.store.RunFiles;
import dev.stepgraph.runtime.store.StepData;
import dev.stepgraph.runtime.store.StepRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The graph a worker runs for one attempt of one step, through the runtime's own engine: the
 * steps before it, with their ids and dependencies, replaying how they ended (a succeeded step
 * emits what its file holds, a skipped one skips with its reason, a failed one fails), then the
 * step itself with its body, timeout, contract and dependency policy, and one attempt: the engine
 * retries. So the step sees the prior data, the failed dependencies and the key checks of a local
 * run.
 */
final class OneStep {
  private OneStep() {}

  static ConnectorGraph graph(
      ConnectorGraph full, StepDefinition step, List<Ended> prior, RunFiles files) {
    ConnectorGraph.Builder graph = full.rebuild();
    Set<String> before = new HashSet<>();
    for (Ended end : prior) {
      before.add(end.stepId());
    }
    for (Ended end : prior) {
      StepDefinition original = full.step(end.stepId());
      if (original == null) {
        throw new IllegalArgumentException(
            "connector '" + full.id() + "' has no step '" + end.stepId() + "'");
      }
      List<String> dependsOn = new ArrayList<>();
      for (String dependency : original.dependsOn()) {
        if (before.contains(dependency)) {
          dependsOn.add(dependency);
        }
      }
      graph.step(original.id(), original.description(), dependsOn, StepPolicy.DEFAULT,
          DataContract.NONE, replay(end, files));
    }
    graph.step(step.id(), step.description(), step.dependsOn(),
        step.policy().withRetry(RetryPolicy.NONE), step.contract(), step.body());
    return graph.build();
  }

  private static StepBody replay(Ended end, RunFiles files) {
    if (end.status().equals(StepStatus.SUCCEEDED.name())) {
      String name = end.file();
      if (name == null) {
        return ctx -> {};
      }
      StepData data =
          files.read(end.stepId(),
              new RunFiles.StepFile(
                  new StepRecord.DataFile(name, end.bytes(), String.valueOf(end.checksum())),
                  end.entityCounts(), end.relationships()));
      return ctx -> {
        data.entities().forEach(ctx::emit);
        data.relationships().forEach(ctx::emit);
      };
    }
    if (end.status().equals(StepStatus.SKIPPED.name())) {
      String reason = String.valueOf(end.reason());
      return ctx -> ctx.skip(reason);
    }
    String status = end.status().toLowerCase(java.util.Locale.ROOT);
    return ctx -> {
      throw new IllegalStateException("step '" + end.stepId() + "' " + status);
    };
  }
}
