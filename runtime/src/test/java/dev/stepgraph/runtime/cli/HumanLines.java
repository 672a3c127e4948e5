package dev.stepgraph.runtime.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The human event lines, made comparable whole: measured durations become {@code <t>}, generated
 * run ids {@code <run>}, and the lines of the
 * steps of a wave, which run at once and end in any order, are put in the order of their step ids
 * (each step's own lines keep theirs).
 */
final class HumanLines {
  /** A measured duration, after the words that introduce one; not a declared timeout. */
  static final Pattern DURATION = Pattern.compile(
      "(completed in |FAILED after |attempts in |CANCELLED after |Finished in |Cancelled after )(?:<1ms|\\d+ms|\\d+(?:\\.\\d)?s|\\d+h(?:\\d+m)?(?:\\d+s)?|\\d+m(?:\\d+s)?)");
  private static final Pattern RUN_ID = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-f]{4}");

  private HumanLines() {}

  /** Durations as {@code <t>}, generated run ids as {@code <run>}. */
  static String normalize(String text) {
    return DURATION.matcher(normalizeRunIds(text)).replaceAll("$1<t>");
  }

  /** Generated run ids ({@code 20261201T204512Z-3fa9}) as {@code <run>}. */
  static String normalizeRunIds(String text) {
    return RUN_ID.matcher(text).replaceAll("<run>");
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
