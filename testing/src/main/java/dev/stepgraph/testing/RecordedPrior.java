package dev.stepgraph.testing;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.DataContract;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.run.StepStatus;
import dev.stepgraph.runtime.store.RunReader;
import dev.stepgraph.runtime.store.RunStore;
import dev.stepgraph.runtime.store.RunStoreException;
import dev.stepgraph.runtime.store.StepData;
import dev.stepgraph.runtime.store.StepRecord;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The prior data a step test takes from a recorded run ({@link StepTest#withPriorFromRun}): how
 * each step upstream of the tested one ended in that run, and what it emitted, read from the run
 * store without its lock. In the test's graph each upstream step is replaced by one that ends as
 * recorded: it emits the recorded entities and relationships, or skips with the recorded reason,
 * so that the tested step gets the prior data, and sees the dependency outcomes, that {@code
 * --step ID --resume RUN_ID} would give it.
 */
final class RecordedPrior {
  /** How an upstream step ended in the run, and what it emitted. */
  private record Upstream(StepRecord record, StepData data) {}

  private final String runId;
  private final Map<String, Upstream> upstream; // in graph order
  private final Map<String, String> keyOwners = new HashMap<>(); // entity key: its step

  private RecordedPrior(String runId, Map<String, Upstream> upstream) {
    this.runId = runId;
    this.upstream = upstream;
    upstream.forEach((stepId, step) -> {
      for (Entity entity : step.data().entities()) {
        keyOwners.put(entity.key(), stepId);
      }
    });
  }

  /**
   * Reads what the run recorded for every step upstream of {@code step} (transitively).
   *
   * @throws RunStoreException for a run the store does not hold, a manifest or step file it
   *     cannot read, with the step under test named first
   * @throws IllegalArgumentException if the run did not record an upstream step as succeeded or
   *     skipped
   */
  static RecordedPrior read(ConnectorGraph graph, StepDefinition step, Path stateDirectory, String runId) {
    RunReader reader;
    try {
      reader = RunStore.directory(stateDirectory).read(graph.id(), runId);
    } catch (RunStoreException e) {
      throw named(step, e);
    }
    Map<String, Upstream> upstream = new LinkedHashMap<>();
    for (StepDefinition other : graph.select(List.of(step.id())).steps()) {
      if (other.id().equals(step.id())) {
        continue;
      }
      Optional<StepRecord> record = reader.run().step(other.id());
      if (record.isEmpty() || !record.get().reusable()) {
        throw new IllegalArgumentException(
            "step '" + step.id() + "': run " + runId + " in the run store " + stateDirectory
                + " did not record upstream step '" + other.id() + "' ("
                + (record.isEmpty() ? "it did not run" : "it ended " + shown(record.get().status()))
                + "), so it holds no prior data for it; record it first (run --step " + other.id()
                + " --resume " + runId + " --state " + stateDirectory + "), or give the step"
                + " its prior data with withPrior, or run its upstream steps with withUpstream"
                + " instead");
      }
      try {
        upstream.put(other.id(), new Upstream(record.get(), reader.read(record.get())));
      } catch (RunStoreException e) {
        throw named(step, e);
      }
    }
    return new RecordedPrior(runId, upstream);
  }

  private static RunStoreException named(StepDefinition step, RunStoreException e) {
    return new RunStoreException(e.problem(), "step '" + step.id() + "': " + e.getMessage(), e);
  }

  private static String shown(StepStatus status) {
    return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  String runId() {
    return runId;
  }

  /** The upstream step that recorded an entity of this key, or null. */
  @Nullable String recordedBy(String key) {
    return keyOwners.get(key);
  }

  /**
   * Adds, for each step upstream of the tested one in {@code full}, a step of the same id and
   * dependencies that ends as the run recorded it: it never skips for a dependency (the default
   * policy), so each ends as recorded whatever its dependencies did.
   */
  void addTo(ConnectorGraph full, String testedStepId, ConnectorGraph.Builder graph) {
    for (StepDefinition other : full.select(List.of(testedStepId)).steps()) {
      Upstream recorded = upstream.get(other.id());
      if (recorded == null) {
        continue; // the step under test
      }
      StepData data = recorded.data();
      String skipReason = recorded.record().status() == StepStatus.SKIPPED
          ? Optional.ofNullable(recorded.record().skipReason()).orElse("skipped in run " + runId)
          : null;
      graph.step(other.id(), "step '" + other.id() + "' as run " + runId + " recorded it",
          other.dependsOn(), StepPolicy.DEFAULT, DataContract.NONE, ctx -> {
            if (skipReason != null) {
              ctx.skip(skipReason);
              return;
            }
            data.entities().forEach(ctx::emit);
            data.relationships().forEach(ctx::emit);
          });
    }
  }
}
