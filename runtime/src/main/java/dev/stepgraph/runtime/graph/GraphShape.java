package dev.stepgraph.runtime.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The steps of a {@link ConnectorGraph}, checked and grouped into their waves: what {@link
 * ConnectorGraph.Builder#build()} checks (unique ids, known dependencies, every dependency in an
 * earlier wave, no empty wave, fingerprints only of known steps), so a graph built by hand cannot
 * make the scheduler misbehave.
 *
 * @param steps every step, in the order given
 * @param stepsById every step by its id, in the order of {@code steps}
 * @param waves the steps of each wave, in the order of {@code steps}
 * @param waveStepIds the ids of the steps of each wave: derived from {@code waves}, once per graph,
 *     for the events of a run
 */
record GraphShape(
    List<StepDefinition> steps,
    Map<String, StepDefinition> stepsById,
    List<List<StepDefinition>> waves,
    List<List<String>> waveStepIds) {

  /**
   * Checks the steps of connector {@code connectorId}, and the ids of the steps given a
   * fingerprint, and groups the steps into their waves.
   *
   * @throws IllegalArgumentException naming the first inconsistency
   */
  static GraphShape of(
      String connectorId, List<StepDefinition> given, Set<String> fingerprinted) {
    List<StepDefinition> steps = List.copyOf(given);
    Map<String, StepDefinition> byId = new LinkedHashMap<>();
    for (StepDefinition step : steps) {
      if (byId.putIfAbsent(step.id(), step) != null) {
        throw invalid(connectorId, "step id '" + step.id() + "' is declared twice");
      }
    }
    int waveCount = 0;
    for (StepDefinition step : steps) {
      waveCount = Math.max(waveCount, step.wave() + 1);
      for (String dependency : step.dependsOn()) {
        checkDependency(connectorId, step, dependency, byId.get(dependency));
      }
    }
    List<List<StepDefinition>> waves = waves(connectorId, steps, waveCount);
    List<List<String>> ids = new ArrayList<>(waveCount);
    for (List<StepDefinition> wave : waves) {
      List<String> waveIds = new ArrayList<>(wave.size());
      for (StepDefinition step : wave) {
        waveIds.add(step.id());
      }
      ids.add(List.copyOf(waveIds));
    }
    for (String stepId : fingerprinted) {
      if (!byId.containsKey(stepId)) {
        throw invalid(connectorId, "fingerprint of unknown step '" + stepId + "'");
      }
    }
    return new GraphShape(steps, Collections.unmodifiableMap(byId), waves, List.copyOf(ids));
  }

  /** Checks that the dependency {@code upstream} of {@code step} exists, in an earlier wave. */
  private static void checkDependency(
      String connectorId,
      StepDefinition step,
      String dependency,
      @Nullable StepDefinition upstream) {
    if (upstream == null) {
      throw invalid(
          connectorId,
          "step '" + step.id() + "' depends on unknown step '" + dependency + "'");
    }
    if (upstream.wave() >= step.wave()) {
      throw invalid(
          connectorId,
          "step '" + step.id() + "' (wave " + step.wave() + ") depends on '" + dependency
              + "' (wave " + upstream.wave() + "), which does not run in an earlier wave");
    }
  }

  /** The steps of each of the {@code waveCount} waves, in order; none may be empty. */
  private static List<List<StepDefinition>> waves(
      String connectorId, List<StepDefinition> steps, int waveCount) {
    List<List<StepDefinition>> byWave = new ArrayList<>(waveCount);
    for (int i = 0; i < waveCount; i++) {
      byWave.add(new ArrayList<>());
    }
    for (StepDefinition step : steps) {
      byWave.get(step.wave()).add(step);
    }
    for (int i = 0; i < waveCount; i++) {
      if (byWave.get(i).isEmpty()) {
        throw invalid(connectorId, "wave " + i + " has no step");
      }
      byWave.set(i, List.copyOf(byWave.get(i)));
    }
    return List.copyOf(byWave);
  }

  private static IllegalArgumentException invalid(String connectorId, String problem) {
    return new IllegalArgumentException("connector '" + connectorId + "': " + problem);
  }
}
