package dev.stepgraph.processor;

import java.util.List;

/**
 * No cycles: one error per strongly connected component with a cycle, on the {@code dependsOn}
 * entry of the component's first declared step that leads along the shortest cycle through it,
 * plus a note saying how to break it. When the component holds other cycles too, the note names
 * only the entries whose removal breaks every one of them ({@link CycleBreaks}), or, if no single
 * entry does, says that more than one must go and which would do.
 */
final class CycleCheck implements ConnectorCheck {
  /** At most this many steps are named in a note; the rest are counted. */
  private static final int NAMED_STEPS = 10;

  @Override
  public void check(ConnectorModel connector, Reporter reporter) {
    List<StepModel> steps = connector.steps();
    DependencyGraph graph = connector.dependencyGraph();
    List<int[]> cycles = Cycles.find(graph);
    int[] components = cycles.isEmpty() ? new int[0] : Cycles.components(graph);
    for (int[] cycle : cycles) {
      StringBuilder path = new StringBuilder();
      for (int v : cycle) {
        path.append(graph.id(v)).append(" -> ");
      }
      path.append(graph.id(cycle[0]));
      StepModel first = steps.get(cycle[0]);
      String next = graph.id(cycle[cycle.length > 1 ? 1 : 0]);
      StepModel.Dependency edge = first.dependsOn().stream().filter(d -> d.id().equals(next)).findFirst().orElseThrow();
      reporter.error(
          "cycle detected in step dependencies: " + path, first.method(), first.annotation(), edge.value());
      reporter.note(advice(new CycleBreaks(graph, components, cycle), graph, cycle, path.toString()),
          first.method(), first.annotation(), edge.value());
    }
  }

  /** How to break the cycle and, if its steps hold more, every other one among them. */
  static String advice(CycleBreaks breaks, DependencyGraph graph, int[] cycle, String path) {
    List<CycleBreaks.Edge> single = breaks.singleBreaks(cycle);
    if (breaks.isOneCycle()) {
      return "to break the cycle " + path + ", remove one of these dependsOn entries: " + entries(graph, single, ", ");
    }
    String scope = "to break the cycle " + path + " and every other cycle among steps " + steps(graph, breaks.steps());
    if (!single.isEmpty()) {
      return scope + ", remove one of these dependsOn entries: " + entries(graph, single, ", ");
    }
    return scope + ", remove more than one dependsOn entry (no single one breaks them all), e.g. "
        + entries(graph, breaks.breakingSet(cycle), " and ");
  }

  /** {@code 'b' from step 'a', 'c' from step 'b'}; the last two joined by {@code last}. */
  private static String entries(DependencyGraph graph, List<CycleBreaks.Edge> edges, String last) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < edges.size(); i++) {
      CycleBreaks.Edge edge = edges.get(i);
      out.append(i == 0 ? "" : i == edges.size() - 1 ? last : ", ")
          .append('\'').append(graph.id(edge.to())).append("' from step '").append(graph.id(edge.from())).append('\'');
    }
    return out.toString();
  }

  /** {@code c, a, b, d, e}; past {@link #NAMED_STEPS}, {@code ... and 12 more}. */
  private static String steps(DependencyGraph graph, int[] steps) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < steps.length; i++) {
      if (i == NAMED_STEPS) {
        return out.append(" and ").append(steps.length - NAMED_STEPS).append(" more").toString();
      }
      out.append(i == 0 ? "" : ", ").append(graph.id(steps[i]));
    }
    return out.toString();
  }
}
