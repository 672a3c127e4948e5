package dev.stepgraph.runtime.cli;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Text shared by the plan and the human event lines. */
final class Formats {
  private Formats() {}

  /** {@code Wave 0 (parallel): users, roles, hosts}; "sequential" for a wave of one step. */
  static String waveLine(int index, List<String> stepIds) {
    return "Wave " + index + " (" + (stepIds.size() >= 2 ? "parallel" : "sequential") + "): "
        + String.join(", ", stepIds);
  }

  /** {@code 12 ms}, {@code 1.2 s}, {@code 2 min 5 s}. */
  static String duration(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long seconds = millis / 1000;
    return seconds / 60 + " min " + seconds % 60 + " s";
  }

  static String plural(long count, String singular, String plural) {
    return count + " " + (count == 1 ? singular : plural);
  }
}
