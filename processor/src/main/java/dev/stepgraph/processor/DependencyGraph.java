package dev.stepgraph.processor;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which step of one connector depends on which, on plain indices, for the compile-time algorithms
 * ({@link Cycles}, {@link Waves}): step {@code i} is the {@code i}-th declared step, {@link
 * #dependencies(int)} are the indices of the steps it depends on (unknown ids left out, duplicates
 * removed, in {@code dependsOn} order). No {@code javax.lang.model} here, so the algorithms are
 * unit-testable.
 *
 * <p>Not to be confused with the generated {@code X_StepGraph} class, which this processor writes,
 * or the runtime's {@code ConnectorGraph}, which that class builds and a run executes: this one
 * lives only while javac runs.
 */
final class DependencyGraph {
  private final List<String> ids;
  private final int[][] dependencies;

  private DependencyGraph(List<String> ids, int[][] dependencies) {
    this.ids = ids;
    this.dependencies = dependencies;
  }

  /**
   * The graph of steps with these ids (in declaration order) and dependencies (by id). When an id
   * repeats, dependencies on it point to its first declaration. Linear in the size of the input.
   */
  static DependencyGraph of(List<String> ids, List<? extends List<String>> dependsOn) {
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
    return new DependencyGraph(List.copyOf(ids), dependencies);
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
