package dev.stepgraph.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * The waves of an acyclic {@link DependencyGraph}: a step's wave is 0 without dependencies, else one
 * more than the highest wave of its dependencies. Kahn's algorithm, linear in steps plus
 * dependencies.
 */
final class Waves {
  private Waves() {}

  /**
   * The wave of every step.
   *
   * @throws IllegalArgumentException if the graph has a cycle
   */
  static int[] levels(DependencyGraph graph) {
    int n = graph.size();
    int[] remaining = new int[n];
    int[] dependentCount = new int[n + 1];
    for (int v = 0; v < n; v++) {
      int[] deps = graph.dependencies(v);
      remaining[v] = deps.length;
      for (int d : deps) {
        dependentCount[d + 1]++;
      }
    }
    // Reverse edges as one flat array: dependents of d are dependents[start[d] .. start[d + 1]).
    int[] start = dependentCount;
    for (int i = 0; i < n; i++) {
      start[i + 1] += start[i];
    }
    int[] fill = new int[n];
    int[] dependents = new int[start[n]];
    for (int v = 0; v < n; v++) {
      for (int d : graph.dependencies(v)) {
        dependents[start[d] + fill[d]++] = v;
      }
    }
    int[] level = new int[n];
    int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    for (int v = 0; v < n; v++) {
      if (remaining[v] == 0) {
        queue[tail++] = v;
      }
    }
    while (head < tail) {
      int d = queue[head++];
      for (int i = start[d]; i < start[d + 1]; i++) {
        int v = dependents[i];
        level[v] = Math.max(level[v], level[d] + 1);
        if (--remaining[v] == 0) {
          queue[tail++] = v;
        }
      }
    }
    if (tail != n) {
      throw new IllegalArgumentException("the step graph has a cycle");
    }
    return level;
  }

  /** Step indices by wave; within a wave in declaration (index) order. */
  static List<List<Integer>> byWave(int[] levels) {
    int waveCount = 0;
    for (int level : levels) {
      waveCount = Math.max(waveCount, level + 1);
    }
    List<List<Integer>> waves = new ArrayList<>(waveCount);
    for (int i = 0; i < waveCount; i++) {
      waves.add(new ArrayList<>());
    }
    for (int v = 0; v < levels.length; v++) {
      waves.get(levels[v]).add(v);
    }
    return waves;
  }
}
