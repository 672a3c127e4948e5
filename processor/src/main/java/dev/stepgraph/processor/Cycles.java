package dev.stepgraph.processor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the cycles of a {@link DependencyGraph}: one per strongly connected component that has a
 * cycle (two or more steps, or a step depending on itself). Iterative Tarjan, so deep graphs do not
 * overflow the stack; linear in steps plus dependencies.
 */
final class Cycles {
  private Cycles() {}

  /**
   * One cycle per cyclic component, ordered by the component's first declared step. Each cycle is
   * the shortest one through that step, as step indices starting with it: {@code [a, b]} stands for
   * {@code a -> b -> a}, {@code [a]} for a self-dependency.
   */
  static List<int[]> find(DependencyGraph graph) {
    int n = graph.size();
    int[] component = components(graph);
    // Cyclic components, keyed by their first (lowest index) step.
    int[] componentSize = new int[n];
    int[] firstStep = new int[n];
    Arrays.fill(firstStep, -1);
    for (int v = 0; v < n; v++) {
      int c = component[v];
      componentSize[c]++;
      if (firstStep[c] == -1) {
        firstStep[c] = v;
      }
    }
    List<int[]> cycles = new ArrayList<>();
    int[] visitedStamp = new int[n];
    Arrays.fill(visitedStamp, -1);
    int[] parent = new int[n];
    int[] queue = new int[n];
    for (int v = 0; v < n; v++) {
      int c = component[v];
      if (firstStep[c] != v) {
        continue;
      }
      if (componentSize[c] > 1 || dependsOnItself(graph, v)) {
        cycles.add(shortestCycleThrough(graph, v, component, visitedStamp, parent, queue));
      }
    }
    return cycles;
  }

  private static boolean dependsOnItself(DependencyGraph graph, int v) {
    for (int w : graph.dependencies(v)) {
      if (w == v) {
        return true;
      }
    }
    return false;
  }

  /** Breadth-first search from {@code start} inside its component until an edge leads back. */
  private static int[] shortestCycleThrough(
      DependencyGraph graph, int start, int[] component, int[] visitedStamp, int[] parent, int[] queue) {
    int c = component[start];
    int head = 0;
    int tail = 0;
    queue[tail++] = start;
    visitedStamp[start] = start;
    parent[start] = -1;
    while (head < tail) {
      int u = queue[head++];
      for (int w : graph.dependencies(u)) {
        if (w == start) {
          return path(u, parent);
        }
        if (component[w] == c && visitedStamp[w] != start) {
          visitedStamp[w] = start;
          parent[w] = u;
          queue[tail++] = w;
        }
      }
    }
    throw new IllegalStateException("no cycle through step " + graph.id(start) + " in its component");
  }

  private static int[] path(int last, int[] parent) {
    int length = 0;
    for (int v = last; v != -1; v = parent[v]) {
      length++;
    }
    int[] path = new int[length];
    for (int v = last, i = length - 1; v != -1; v = parent[v], i--) {
      path[i] = v;
    }
    return path;
  }

  /** Tarjan's algorithm without recursion: the component number of every step. */
  static int[] components(DependencyGraph graph) {
    int n = graph.size();
    int[] index = new int[n];
    Arrays.fill(index, -1);
    int[] low = new int[n];
    int[] component = new int[n];
    boolean[] onStack = new boolean[n];
    int[] stack = new int[n];
    int stackTop = 0;
    int[] callStack = new int[n];
    int[] edgePosition = new int[n];
    int nextIndex = 0;
    int nextComponent = 0;
    for (int root = 0; root < n; root++) {
      if (index[root] != -1) {
        continue;
      }
      int depth = 0;
      callStack[depth] = root;
      edgePosition[depth] = 0;
      depth++;
      index[root] = low[root] = nextIndex++;
      stack[stackTop++] = root;
      onStack[root] = true;
      while (depth > 0) {
        int v = callStack[depth - 1];
        int[] deps = graph.dependencies(v);
        if (edgePosition[depth - 1] < deps.length) {
          int w = deps[edgePosition[depth - 1]++];
          if (index[w] == -1) {
            index[w] = low[w] = nextIndex++;
            stack[stackTop++] = w;
            onStack[w] = true;
            callStack[depth] = w;
            edgePosition[depth] = 0;
            depth++;
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
          continue;
        }
        depth--;
        if (low[v] == index[v]) {
          int w;
          do {
            w = stack[--stackTop];
            onStack[w] = false;
            component[w] = nextComponent;
          } while (w != v);
          nextComponent++;
        }
        if (depth > 0) {
          int parent = callStack[depth - 1];
          low[parent] = Math.min(low[parent], low[v]);
        }
      }
    }
    return component;
  }
}
