package dev.stepgraph.runtime.graph;

import dev.stepgraph.runtime.internal.Suggestions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code --step} selection: the chosen steps plus everything upstream of them. */
final class StepSelection {
  private StepSelection() {}

  /**
   * The subgraph of the selected steps and all their upstream steps, keeping the wave structure:
   * each wave keeps its selected steps in order, empty waves are dropped and the rest renumbered.
   *
   * @throws IllegalArgumentException naming an unknown step, with a suggestion when one is close
   */
  static ConnectorGraph select(ConnectorGraph graph, Set<String> stepIds) {
    if (stepIds.isEmpty()) {
      return graph;
    }
    Set<String> closure = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>();
    for (String id : stepIds) {
      if (graph.step(id) == null) {
        throw new IllegalArgumentException(unknownStep(graph, id));
      }
      pending.add(id);
    }
    while (!pending.isEmpty()) {
      String id = pending.remove();
      if (closure.add(id)) {
        StepDefinition step = graph.step(id);
        if (step != null) {
          pending.addAll(step.dependsOn());
        }
      }
    }
    ConnectorGraph.Builder builder = graph.rebuild();
    int wave = 0;
    for (List<StepDefinition> steps : graph.waves()) {
      boolean any = false;
      for (StepDefinition step : steps) {
        if (closure.contains(step.id())) {
          builder.step(
              new StepDefinition(
                  step.id(), step.description(), step.dependsOn(), wave, step.policy(),
                  step.contract(), step.body()));
          // Only the given ones: a selection keeps every step upstream of those it keeps, so a
          // computed fingerprint comes out the same in it, and computing waits for first use.
          String given = graph.givenFingerprint(step.id());
          if (given != null) {
            builder.fingerprint(step.id(), given);
          }
          any = true;
        }
      }
      if (any) {
        wave++;
      }
    }
    return builder.build();
  }

  private static String unknownStep(ConnectorGraph graph, String id) {
    List<String> ids = new ArrayList<>();
    for (StepDefinition step : graph.steps()) {
      ids.add(step.id());
    }
    return "unknown step '" + id + "'" + Suggestions.didYouMean(id, ids)
        + " (steps: " + String.join(", ", ids) + ")";
  }
}
