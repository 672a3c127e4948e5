package dev.stepgraph.processor;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dependency graph of one connector on plain indices: step {@code i} is the {@code i}-th
 * declared step, {@link #dependencies(int)} are the indices of the steps it depends on (unknown ids
 * left out, duplicates removed, in {@code dependsOn} order). No {@code javax.lang.model} here, so
 * the algorithms are unit-testable.
 */
final class StepGraph {
  private final List<String> ids;
  private final int[][] dependencies;

  private StepGraph(List<String> ids, int[][] dependencies) {
    this.ids = ids;
    this.dependencies = dependencies;
  }

  /**
   * The graph of steps with these ids (in declaration order) and dependencies (by id). When an id
   * repeats, dependencies on it point to its first declaration. Linear in the size of the input.
   */
  static StepGraph of(List<String> ids, List<? extends List<String>> dependsOn) {
    if (ids.size() != dependsOn.size()) {
      throw new IllegalArgumentException(ids.size() + " ids but " + dependsOn.size() + " dependency lists");
    }
    int n = ids.size();
    Map<String, Integer> indexById = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      indexById.putIfAbsent(ids.get(i), i);
    }
    int[] seenBy = new int[n];
    Arrays.fill(seenBy, -1);
    int[][] dependencies = new int[n][];
    for (int i = 0; i < n; i++) {
      List<String> deps = dependsOn.get(i);
      int[] out = new int[deps.size()];
      int count = 0;
      for (String dep : deps) {
        Integer target = indexById.get(dep);
        if (target != null && seenBy[target] != i) {
          seenBy[target] = i;
          out[count++] = target;
        }
      }
      dependencies[i] = count == out.length ? out : Arrays.copyOf(out, count);
    }
    return new StepGraph(List.copyOf(ids), dependencies);
  }

  int size() {
    return dependencies.length;
  }

  String id(int step) {
    return ids.get(step);
  }

  /** Indices of the steps that {@code step} depends on; do not modify. */
  int[] dependencies(int step) {
    return dependencies[step];
  }
}
