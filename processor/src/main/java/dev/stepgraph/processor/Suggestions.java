package dev.stepgraph.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * "Did you mean" for unknown step ids, without comparing against every id: candidates come from a
 * symmetric-delete index (each id and the ids one deletion away from it), so a lookup costs the
 * length of the unknown id, not the number of steps. Finds ids within one insertion, deletion,
 * substitution or swap of adjacent characters (and a few at distance two).
 */
final class Suggestions {
  private final List<String> ids;
  private final Map<String, List<Integer>> byVariant;

  Suggestions(List<String> ids) {
    this.ids = ids;
    this.byVariant = new HashMap<>(ids.size() * 8);
    for (int i = 0; i < ids.size(); i++) {
      for (String variant : variants(ids.get(i).toLowerCase(Locale.ROOT))) {
        List<Integer> list = byVariant.computeIfAbsent(variant, k -> new ArrayList<>(1));
        if (list.isEmpty() || list.get(list.size() - 1) != i) {
          list.add(i);
        }
      }
    }
  }

  /** The closest id, first declared among equally close ones; empty if none is close. */
  Optional<String> closest(String unknown) {
    return closest(unknown, null);
  }

  /**
   * The closest id other than {@code excluded} (the step whose dependency is unknown: a step never
   * depends on itself), first declared among equally close ones; empty if none is close.
   */
  Optional<String> closest(String unknown, @Nullable String excluded) {
    String query = unknown.toLowerCase(Locale.ROOT);
    int best = -1;
    int bestDistance = Integer.MAX_VALUE;
    for (String variant : variants(query)) {
      List<Integer> candidates = byVariant.get(variant);
      if (candidates == null) {
        continue;
      }
      // Bounded: a variant shared by very many ids (e.g. "" for one-letter ids) is not a hint.
      for (int k = 0; k < candidates.size() && k < 64; k++) {
        int i = candidates.get(k);
        if (ids.get(i).equals(excluded)) {
          continue;
        }
        int distance = distance(query, ids.get(i).toLowerCase(Locale.ROOT));
        if (distance < bestDistance || (distance == bestDistance && i < best)) {
          best = i;
          bestDistance = distance;
        }
      }
    }
    int allowed = Math.max(1, Math.min(2, query.length() / 3));
    return best >= 0 && bestDistance <= allowed ? Optional.of(ids.get(best)) : Optional.empty();
  }

  private static List<String> variants(String s) {
    List<String> variants = new ArrayList<>(s.length() + 1);
    variants.add(s);
    for (int i = 0; i < s.length(); i++) {
      variants.add(s.substring(0, i) + s.substring(i + 1));
    }
    return variants;
  }

  /** Optimal string alignment distance (Levenshtein plus adjacent swaps). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
