package dev.stepgraph.processor;

import java.util.List;

/**
 * No cycles: one error per strongly connected component with a cycle, on the {@code dependsOn}
 * entry of the component's first declared step that leads along the shortest cycle through it,
 * plus a note saying how to break it.
 */
final class CycleCheck implements ConnectorCheck {
  @Override
  public void check(ConnectorModel connector, Reporter reporter) {
    List<StepModel> steps = connector.steps();
    DependencyGraph graph = connector.dependencyGraph();
    for (int[] cycle : Cycles.find(graph)) {
      StringBuilder path = new StringBuilder();
      StringBuilder fix = new StringBuilder();
      for (int i = 0; i < cycle.length; i++) {
        String from = graph.id(cycle[i]);
        String to = graph.id(cycle[(i + 1) % cycle.length]);
        path.append(from).append(" -> ");
        fix.append(i == 0 ? "" : ", ").append('\'').append(to).append("' from step '").append(from).append('\'');
      }
      path.append(graph.id(cycle[0]));
      StepModel first = steps.get(cycle[0]);
      String next = graph.id(cycle[cycle.length > 1 ? 1 : 0]);
      StepModel.Dependency edge = first.dependsOn().stream().filter(d -> d.id().equals(next)).findFirst().orElseThrow();
      reporter.error(
          "cycle detected in step dependencies: " + path, first.method(), first.annotation(), edge.value());
      reporter.note(
          "to break the cycle " + path + ", remove one of these dependsOn entries: " + fix,
          first.method(), first.annotation(), edge.value());
    }
  }
}
