package dev.stepgraph.runtime.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The human event lines, made comparable whole: measured durations become {@code <t>}, and the lines of the
 * steps of a wave, which run at once and end in any order, are put in the order of their step ids
 * (each step's own lines keep theirs).
 */
final class HumanLines {
  /** A measured duration, after the words that introduce one; not a declared timeout. */
  static final Pattern DURATION = Pattern.compile(
      "(completed in |FAILED after |attempts in |CANCELLED after |Finished in |Cancelled after )(?:<1ms|\\d+ms|\\d+(?:\\.\\d)?s|\\d+h(?:\\d+m)?(?:\\d+s)?|\\d+m(?:\\d+s)?)");

  private HumanLines() {}

  /** Durations as {@code <t>}. */
  static String normalize(String text) {
    return DURATION.matcher(text).replaceAll("$1<t>");
  }

  /** The text, normalised, with each wave's step lines ordered by step id. */
  static String inStepOrder(String text) {
    List<String> lines = normalize(text).lines().toList();
    List<String> out = new ArrayList<>();
    List<String> steps = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("  ")) {
        steps.add(line);
        continue;
      }
      flush(steps, out);
      out.add(line);
    }
    flush(steps, out);
    StringBuilder joined = new StringBuilder();
    for (String line : out) {
      joined.append(line).append('\n');
    }
    return joined.toString();
  }

  private static void flush(List<String> steps, List<String> out) {
    // List.sort is stable: the lines of one step stay in the order they came.
    steps.sort(Comparator.comparing(line -> line.substring(2, line.indexOf(':'))));
    out.addAll(steps);
    steps.clear();
  }
}
