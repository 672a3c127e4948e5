package dev.stepgraph.processor;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The fingerprint the generated graph gives each step: its own ({@link StepFingerprint}) combined
 * with those of the steps it depends on, so that editing a step changes its fingerprint and that
 * of every step downstream of it, and no other. On plain indices, like {@link Waves}.
 */
final class CombinedFingerprints {
  private CombinedFingerprints() {}

  /**
   * For each step, in step order, the SHA-256 (32 hex characters) of its own fingerprint and the
   * id and combined fingerprint of each step it depends on, sorted by id.
   *
   * @param graph the steps and their dependencies, acyclic
   * @param waves step indices by wave: every step after the steps it depends on
   * @param own the own fingerprint of each step, in step order
   * @throws IllegalArgumentException if a step comes before a step it depends on
   */
  static List<String> of(DependencyGraph graph, List<List<Integer>> waves, List<String> own) {
    if (own.size() != graph.size()) {
      throw new IllegalArgumentException(graph.size() + " steps but " + own.size() + " fingerprints");
    }
    String[] combined = new String[graph.size()];
    MessageDigest digest = StepFingerprint.newSha256();
    for (List<Integer> wave : waves) {
      for (int step : wave) {
        Integer[] dependencies = Arrays.stream(graph.dependencies(step)).boxed().toArray(Integer[]::new);
        Arrays.sort(dependencies, Comparator.comparing(graph::id));
        StringBuilder text = new StringBuilder("own ").append(own.get(step)).append('\n');
        for (int dependency : dependencies) {
          if (combined[dependency] == null) {
            throw new IllegalArgumentException(
                "step '" + graph.id(step) + "' comes before '" + graph.id(dependency) + "', which it depends on");
          }
          text.append("dependency ").append(graph.id(dependency)).append(' ').append(combined[dependency]).append('\n');
        }
        combined[step] = StepFingerprint.sha256(digest, text.toString());
      }
    }
    for (int step = 0; step < combined.length; step++) {
      if (combined[step] == null) {
        throw new IllegalArgumentException("step '" + graph.id(step) + "' is in no wave");
      }
    }
    return List.of(combined);
  }
}
