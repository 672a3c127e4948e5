package dev.stepgraph.runtime.graph;


import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

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
    ConnectorGraph.Builder builder = graph.subgraphBuilder();
    int wave = 0;
    for (List<StepDefinition> steps : graph.waves()) {
      boolean any = false;
      for (StepDefinition step : steps) {
        if (closure.contains(step.id())) {
          builder.step(
              new StepDefinition(
                  step.id(), step.description(), step.dependsOn(), wave, step.policy(),
                  step.contract(), step.body()));
          any = true;
        }
      }
      if (any) {
        wave++;
      }
    }
    return builder.build();
  }

  static String unknownStep(ConnectorGraph graph, String id) {
    List<String> ids = new ArrayList<>();
    for (StepDefinition step : graph.steps()) {
      ids.add(step.id());
    }
    String suggestion = closest(id, ids);
    StringJoiner all = new StringJoiner(", ", " (steps: ", ")");
    ids.forEach(all::add);
    return "unknown step '" + id + "'"
        + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?")
        + all;
  }

  /** The candidate closest to {@code text} by edit distance, if close enough to be a typo. */
  static @Nullable String closest(String text, List<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(text, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int allowed = Math.max(2, text.length() / 3);
    return bestDistance <= allowed ? best : null;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
