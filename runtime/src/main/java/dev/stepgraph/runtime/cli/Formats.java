package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.graph.StepPolicy;
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

  /** {@code 12ms}, {@code 1.2s}, {@code 2m5s}: {@link StepPolicy#formatDuration}. */
  static String duration(Duration duration) {
    return StepPolicy.formatDuration(duration);
  }

  /**
   * The text as one line that is safe to print on a terminal: line breaks become spaces, and
   * control characters (an ANSI escape sequence from a remote API's error text, say, could
   * rewrite the operator's screen) and bidirectional overrides are shown escaped, as {@code
   * \u001B}.
   */
  static String terminalSafe(String text) {
    // Nearly every line is printable ASCII: one tight look first, the rules only when it fails.
    int length = text.length();
    int i = 0;
    while (i < length) {
      char c = text.charAt(i);
      if (c < 0x20 || c >= 0x7F) {
        return escaped(text);
      }
      i++;
    }
    return text;
  }

  private static String escaped(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = null;
      if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        continue; // the \n that follows becomes the space
      } else if (c == '\n' || c == '\r' || c == '\t') {
        replacement = " ";
      } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E)
          || (c >= 0x2066 && c <= 0x2069)) {
        replacement = String.format(Locale.ROOT, "\\u%04X", (int) c);
      }
      if (replacement != null || out != null) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(replacement != null ? replacement : String.valueOf(c));
      }
    }
    return out == null ? text : out.toString();
  }

  static String plural(long count, String singular, String plural) {
    return count + " " + (count == 1 ? singular : plural);
  }
}
