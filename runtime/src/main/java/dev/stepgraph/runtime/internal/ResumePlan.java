package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.run.RunEvent;
import dev.stepgraph.runtime.run.StepResult;
import dev.stepgraph.runtime.run.StepStatus;
import dev.stepgraph.runtime.store.RecordedRun;
import dev.stepgraph.runtime.store.RunRecording;
import dev.stepgraph.runtime.store.RunStoreException;
import dev.stepgraph.runtime.store.StepData;
import dev.stepgraph.runtime.store.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which steps a resumed run reuses from what the store recorded, and why the others that it
 * recorded run again. A step is reused when all of these hold:
 *
 * <ul>
 *   <li>its latest record says it succeeded or was skipped;
 *   <li>its fingerprint is the one recorded (its declaration and code, and those of the steps
 *       upstream of it, are unchanged);
 *   <li>it was not selected to run ({@code --step} always runs the selected steps);
 *   <li>every step it depends on is reused too: a step whose input may change runs again, so that
 *       the resumed run's data is what a run in one go would have collected;
 *   <li>its recorded data reads back whole (length, checksum, counts) and its entity keys are
 *       its own.
 * </ul>
 *
 * Steps come in wave order, so a step's dependencies are decided before it. The reused steps'
 * entities take their keys in the run's {@link EntityKeys}, as if just emitted.
 */
final class ResumePlan {
  static final ResumePlan NONE = new ResumePlan("", Map.of(), new LinkedHashMap<>(), List.of());

  /** Why a recorded step runs again. */
  private record Rerun(RunEvent.StepRerun.Cause cause, String detail) {}

  /** A reused step: its record and what it emitted. */
  record Reused(StepRecord record, StepEmissions output) {
    /** The step's result in this run. */
    StepResult result(StepDefinition step, int wave) {
      return new StepResult(
          step.id(), wave, StepStatus.REUSED, Duration.ZERO, output.entityCounts(),
          output.relationships.size(), null, output.entities, output.relationships, 0,
          record.skipReason());
    }

    /**
     * How the step ended for the steps downstream of it: reused from a success, or skipped as
     * when it was recorded (a skipped step did not succeed).
     */
    StepStatus endedAs() {
      return record.skipReason() != null ? StepStatus.SKIPPED : StepStatus.REUSED;
    }
  }

  private final String runId;
  private final Map<String, Reused> reused;
  private final Map<String, Rerun> reruns; // in step order
  private final List<String> warnings;

  private ResumePlan(
      String runId,
      Map<String, Reused> reused,
      Map<String, Rerun> reruns,
      List<String> warnings) {
    this.runId = runId;
    this.reused = reused;
    this.reruns = reruns;
    this.warnings = warnings;
  }

  /**
   * Decides, and reads the data of the steps it reuses.
   *
   * @param selected the steps the run was asked for ({@code --step}): they run whatever was
   *     recorded
   */
  static ResumePlan of(
      ConnectorGraph graph,
      RunRecording recording,
      Set<String> selected,
      EntityKeys keys) {
    RecordedRun recorded = recording.run();
    String runId = recorded.runId();
    Map<String, StepRecord> records = recorded.steps();
    Map<String, Reused> reused = new HashMap<>();
    Map<String, Rerun> reruns = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    for (StepDefinition step : graph.steps()) {
      StepRecord record = records.get(step.id());
      if (record == null || !record.reusable() || selected.contains(step.id())) {
        continue; // not recorded as done, or asked for: it runs, as it would anyway
      }
      if (!record.fingerprint().equals(graph.fingerprint(step.id()))) {
        reruns.put(step.id(), new Rerun(RunEvent.StepRerun.Cause.CHANGED, ""));
        continue;
      }
      String rerunning = firstNotReused(step, reused);
      if (rerunning != null) {
        reruns.put(step.id(), new Rerun(RunEvent.StepRerun.Cause.UPSTREAM, rerunning));
        continue;
      }
      String damage;
      try {
        StepData data = recording.read(record);
        damage = claimKeys(step.id(), data.entities(), keys);
        if (damage == null) {
          reused.put(
              step.id(),
              new Reused(record, new StepEmissions(step.id(), data.entities(), data.relationships())));
          continue;
        }
        damage = describe(recording, record) + " " + damage;
      } catch (RunStoreException e) {
        damage = e.getMessage();
      }
      reruns.put(step.id(), new Rerun(RunEvent.StepRerun.Cause.DAMAGED, damage));
      warnings.add(damage + "; step '" + step.id() + "' ran again");
    }
    return new ResumePlan(runId, reused, reruns, warnings);
  }

  private static String describe(RunRecording recording, StepRecord record) {
    StepRecord.DataFile file = record.file();
    return file == null ? "the record of step '" + record.stepId() + "'" : recording.describe(file);
  }

  /** The first dependency of the step that is not reused, or null. */
  private static @Nullable String firstNotReused(StepDefinition step, Map<String, Reused> reused) {
    for (String dependency : step.dependsOn()) {
      if (!reused.containsKey(dependency)) {
        return dependency;
      }
    }
    return null;
  }

  /** Claims the keys of the entities; what is wrong if one is taken (claims none then). */
  private static @Nullable String claimKeys(String stepId, List<Entity> entities, EntityKeys keys) {
    for (int i = 0; i < entities.size(); i++) {
      EntityKeys.Owner owner = keys.claim(stepId, entities.get(i));
      if (owner != null) {
        keys.release(stepId, entities.subList(0, i));
        return "holds entity key '" + entities.get(i).key() + "', which step '" + owner.stepId()
            + "' holds too";
      }
    }
    return null;
  }

  /** Whether the run resumes a recorded one. */
  boolean resuming() {
    return !runId.isEmpty();
  }

  /** The reused step of this id, or null if it runs. */
  @Nullable Reused reused(String stepId) {
    return reused.get(stepId);
  }

  /** The recorded steps that run again, in step order. */
  List<String> rerunning() {
    return List.copyOf(reruns.keySet());
  }

  /** The event that says why a recorded step runs again, or null if it was not recorded. */
  RunEvent.@Nullable StepRerun rerun(Instant time, String stepId) {
    Rerun rerun = reruns.get(stepId);
    return rerun == null
        ? null
        : new RunEvent.StepRerun(time, stepId, runId, rerun.cause(), rerun.detail());
  }

  /** What was wrong with the store, one line each. */
  List<String> warnings() {
    return warnings;
  }

  /** The event of a reused step. */
  RunEvent.StepReused event(Instant time, String stepId, int wave) {
    Reused step = reused.get(stepId);
    return new RunEvent.StepReused(
        time, stepId, wave, runId, step.output().entityCounts(),
        step.output().relationships.size(), step.record().skipReason());
  }
}
