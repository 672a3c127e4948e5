package dev.stepgraph.runtime.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A step as added to a {@link ConnectorGraph.Builder}: its definition, or, for a step added
 * without a wave (a graph built by hand), what to make it from once its wave is computed.
 */
record AddedStep(
    @Nullable StepDefinition defined,
    String id,
    String description,
    List<String> dependsOn,
    StepPolicy policy,
    DataContract contract,
    @Nullable StepBody body) {

  /** A step added with its wave given. */
  static AddedStep of(StepDefinition step) {
    Objects.requireNonNull(step, "step");
    return new AddedStep(
        step, step.id(), step.description(), step.dependsOn(), step.policy(), step.contract(),
        null);
  }

  /** A step added without a wave: {@link #define} computes it. */
  static AddedStep unwaved(
      String stepId,
      String stepDescription,
      List<String> dependsOn,
      StepPolicy policy,
      DataContract contract,
      StepBody body) {
    return new AddedStep(
        null, Objects.requireNonNull(stepId, "stepId"),
        Objects.requireNonNull(stepDescription, "stepDescription"), List.copyOf(dependsOn),
        Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(contract, "contract"),
        Objects.requireNonNull(body, "body"));
  }

  /** The definitions of the steps, in the order added, each with its wave. */
  static List<StepDefinition> define(String connectorId, List<AddedStep> steps) {
    List<StepDefinition> given = new ArrayList<>(steps.size());
    for (AddedStep step : steps) {
      StepDefinition defined = step.defined();
      if (defined == null) {
        return defineWaves(connectorId, steps);
      }
      given.add(defined);
    }
    // Every wave given, as generated code gives them: no map of the steps is needed
    return given;
  }

  private static List<StepDefinition> defineWaves(String connectorId, List<AddedStep> steps) {
    Map<String, AddedStep> byId = new HashMap<>();
    for (AddedStep step : steps) {
      byId.putIfAbsent(step.id(), step);
    }
    Map<String, Integer> waves = new HashMap<>();
    List<StepDefinition> definitions = new ArrayList<>(steps.size());
    for (AddedStep step : steps) {
      StepDefinition defined = step.defined();
      if (defined != null) {
        definitions.add(defined);
      } else {
        int wave = waveOf(connectorId, step, byId, waves, new LinkedHashSet<>());
        definitions.add(
            new StepDefinition(
                step.id(), step.description(), step.dependsOn(), wave, step.policy(),
                step.contract(), Objects.requireNonNull(step.body())));
      }
    }
    return definitions;
  }

  /**
   * The wave of a step: given, or one more than the highest wave of its dependencies. An unknown
   * dependency counts as wave 0 here; the graph's own check then names it.
   */
  private static int waveOf(
      String connectorId,
      AddedStep step,
      Map<String, AddedStep> byId,
      Map<String, Integer> waves,
      Set<String> path) {
    if (step.defined() != null) {
      return step.defined().wave();
    }
    Integer known = waves.get(step.id());
    if (known != null) {
      return known;
    }
    if (!path.add(step.id())) {
      List<String> cycle = new ArrayList<>(path);
      cycle = cycle.subList(cycle.indexOf(step.id()), cycle.size());
      throw new IllegalArgumentException(
          "connector '" + connectorId + "': steps depend on each other in a cycle: "
              + String.join(" -> ", cycle) + " -> " + step.id());
    }
    int wave = 0;
    for (String dependency : step.dependsOn()) {
      AddedStep upstream = byId.get(dependency);
      if (upstream != null) {
        wave = Math.max(wave, waveOf(connectorId, upstream, byId, waves, path) + 1);
      }
    }
    path.remove(step.id());
    waves.put(step.id(), wave);
    return wave;
  }
}
