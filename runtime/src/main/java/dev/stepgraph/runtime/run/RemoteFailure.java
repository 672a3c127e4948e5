package dev.stepgraph.runtime.run;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Why a step run by a {@link RemoteExecution} did not succeed, as its worker reported it.
 *
 * @param type the fully qualified class name of the error, {@code java.io.IOException}
 * @param message the error's message, if it had one
 * @param attempts the attempts the step made
 * @param where the frame of the connector's code it failed in, if known
 */
public record RemoteFailure(
    String type, @Nullable String message, int attempts, @Nullable StackTraceElement where) {
  public RemoteFailure {
    Objects.requireNonNull(type, "type");
  }

  /**
   * A frame as one text, {@code dev.example.Crm|users|Crm.java|42}: how a worker reports where a
   * step failed, read back by {@link #frame}.
   */
  public static String frameText(StackTraceElement where) {
    return where.getClassName() + "|" + where.getMethodName() + "|" + where.getFileName() + "|"
        + where.getLineNumber();
  }

  /** The frame of a {@link #frameText} text; null for null or for a text that is not one. */
  public static @Nullable StackTraceElement frame(@Nullable String text) {
    if (text == null) {
      return null;
    }
    String[] parts = text.split("\\|", -1);
    if (parts.length != 4) {
      return null;
    }
    int line;
    try {
      line = Integer.parseInt(parts[3]);
    } catch (NumberFormatException e) {
      line = -1;
    }
    return new StackTraceElement(
        parts[0], parts[1], parts[2].equals("null") ? null : parts[2], line);
  }
}
