package dev.stepgraph.testing;

import java.util.Objects;

/**
 * A line a step logged through {@code ctx.log()}.
 *
 * @param level {@code ERROR}, {@code WARN}, {@code INFO}, {@code DEBUG} or {@code TRACE}
 * @param message the formatted message
 */
public record LogLine(String level, String message) {
  public LogLine {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return level + " " + message;
  }
}
