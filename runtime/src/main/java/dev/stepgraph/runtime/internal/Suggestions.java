package dev.stepgraph.runtime.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * "Did you mean" for an unknown name on the command line: a {@code --step} id, a {@code
 * --connector} id. The one implementation of the runtime; the processor has its own, indexed for
 * graphs of thousands of steps, since it does not depend on the runtime.
 */
public final class Suggestions {
  private Suggestions() {}

  /**
   * {@code "; did you mean 'policies'?"} when a candidate is close enough to {@code text} to be a
   * typo of it, else the empty string.
   */
  public static String didYouMean(String text, List<String> candidates) {
    String suggestion = closest(text, candidates);
    return suggestion == null ? "" : "; did you mean '" + suggestion + "'?";
  }

  /**
   * The candidate closest to {@code text} by edit distance, the first of equally close ones, if
   * it is close enough to be a typo: at most 2 edits, or a third of the text's length.
   */
  public static @Nullable String closest(String text, List<String> candidates) {
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

  /** Levenshtein distance: insertions, deletions and substitutions. */
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
