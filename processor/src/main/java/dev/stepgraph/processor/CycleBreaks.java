package dev.stepgraph.processor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How to break the cycles of one strongly connected component of a {@link DependencyGraph}: the
 * advice of {@link CycleCheck}'s note. A component can hold several cycles that share steps and
 * edges; removing an edge of the reported cycle then may leave another. An edge breaks them all
 * exactly when it lies on every cycle of the component, that is when the component without it has
 * no cycle; such an edge lies on the reported cycle too, so only its edges are tried.
 */
final class CycleBreaks {
  /** Step {@code from} depends on step {@code to}: the {@code dependsOn} entry {@code to} of {@code from}. */
  record Edge(int from, int to) {}

  private final DependencyGraph graph;
  private final int[] steps; // the component's steps, in declaration order
  private final int[] local; // graph index -> index in steps, -1 outside the component
  private final int edgeCount; // dependencies within the component

  /** The component that {@code cycle} (as {@link Cycles#find} gives it) lies in. */
  CycleBreaks(DependencyGraph graph, int[] cycle) {
    this(graph, Cycles.components(graph), cycle);
  }

  /** The same, with the components already computed ({@link Cycles#components}). */
  CycleBreaks(DependencyGraph graph, int[] component, int[] cycle) {
    this.graph = graph;
    int c = component[cycle[0]];
    int count = 0;
    for (int v = 0; v < graph.size(); v++) {
      if (component[v] == c) {
        count++;
      }
    }
    steps = new int[count];
    local = new int[graph.size()];
    Arrays.fill(local, -1);
    int next = 0;
    int edges = 0;
    for (int v = 0; v < graph.size(); v++) {
      if (component[v] == c) {
        local[v] = next;
        steps[next++] = v;
      }
    }
    for (int v : steps) {
      for (int w : graph.dependencies(v)) {
        if (local[w] >= 0) {
          edges++;
        }
      }
    }
    edgeCount = edges;
  }

  /** The component's steps, in declaration order. */
  int[] steps() {
    return steps.clone();
  }

  /** Whether the component holds no cycle but {@code cycle}: it has as many edges as steps. */
  boolean isOneCycle() {
    return edgeCount == steps.length;
  }

  /**
   * The edges of {@code cycle}, in its order, whose removal alone leaves the component without a
   * cycle; every edge of it when it is the component's only cycle; empty if none does.
   */
  List<Edge> singleBreaks(int[] cycle) {
    List<Edge> edges = edgesOf(cycle);
    if (isOneCycle()) {
      return edges;
    }
    List<Edge> breaking = new ArrayList<>();
    for (Edge edge : edges) {
      if (acyclicWithout(List.of(edge))) {
        breaking.add(edge);
      }
    }
    return breaking;
  }

  /**
   * Edges whose removal together leaves the component without a cycle, found greedily: while a
   * cycle is left, the shortest one through the first declared step still on one, an edge of it
   * that breaks every cycle left if there is one, else its first. Not always the fewest, always
   * enough.
   */
  List<Edge> breakingSet(int[] cycle) {
    List<Edge> removed = new ArrayList<>();
    int[] current = cycle;
    while (current != null) {
      Edge chosen = null;
      for (Edge edge : edgesOf(current)) {
        List<Edge> with = new ArrayList<>(removed);
        with.add(edge);
        if (acyclicWithout(with)) {
          chosen = edge;
          break;
        }
      }
      if (chosen != null) {
        removed.add(chosen);
        return removed;
      }
      removed.add(edgesOf(current).get(0));
      current = cycleWithout(removed);
    }
    return removed;
  }

  private static List<Edge> edgesOf(int[] cycle) {
    List<Edge> edges = new ArrayList<>(cycle.length);
    for (int i = 0; i < cycle.length; i++) {
      edges.add(new Edge(cycle[i], cycle[(i + 1) % cycle.length]));
    }
    return edges;
  }

  /** The component without these edges, as a graph of its own (indices are {@link #steps} positions). */
  private DependencyGraph without(List<Edge> removed) {
    List<String> ids = new ArrayList<>(steps.length);
    List<List<String>> dependsOn = new ArrayList<>(steps.length);
    for (int v : steps) {
      ids.add(Integer.toString(local[v]));
      List<String> deps = new ArrayList<>();
      for (int w : graph.dependencies(v)) {
        if (local[w] >= 0 && !removed.contains(new Edge(v, w))) {
          deps.add(Integer.toString(local[w]));
        }
      }
      dependsOn.add(deps);
    }
    return DependencyGraph.of(ids, dependsOn);
  }

  private boolean acyclicWithout(List<Edge> removed) {
    return Cycles.find(without(removed)).isEmpty();
  }

  /** The first cycle left without these edges, in graph indices; null if none is. */
  private int[] cycleWithout(List<Edge> removed) {
    List<int[]> left = Cycles.find(without(removed));
    if (left.isEmpty()) {
      return null;
    }
    int[] cycle = left.get(0);
    int[] inGraph = new int[cycle.length];
    for (int i = 0; i < cycle.length; i++) {
      inGraph[i] = steps[cycle[i]];
    }
    return inGraph;
  }
}
