package dev.stepgraph.runtime.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.jspecify.annotations.Nullable;

/**
 * Formats throwables and messages as one line: the one place of the runtime that does, for the
 * events, the report and the command line's error lines. Never fails: a throwable whose {@code
 * getMessage()} or {@code toString()} throws is still described, so reporting a failure cannot
 * become a failure of its own.
 */
public final class Errors {
  private Errors() {}

  /** {@code SimpleName: message}, on one line. */
  public static String summary(Throwable error) {
    String name = typeName(error);
    String message;
    try {
      message = error.getMessage();
    } catch (Throwable broken) {
      return name + ": (its getMessage() threw " + typeName(broken) + ")";
    }
    return message == null || message.isBlank() ? name : name + ": " + oneLine(message);
  }

  /** The error's simple class name; of the original's, for a masked copy. */
  static String typeName(Throwable error) {
    if (error instanceof MaskedThrowable masked) {
      return masked.simpleName();
    }
    String name = error.getClass().getSimpleName();
    return name.isEmpty() ? error.getClass().getName() : name;
  }

  /**
   * The fully qualified name of the error's class; of the original's, for a copy whose secrets
   * are masked ({@link SecretMask}).
   */
  public static String className(Throwable error) {
    return error instanceof MaskedThrowable masked ? masked.className() : error.getClass().getName();
  }

  /**
   * Where a step failed, as one short text: {@code GitHubConnector.java:64}; without a line
   * number the file alone, without a file name the class and method ({@code
   * com.acme.GitHubConnector.users}).
   */
  public static String location(StackTraceElement frame) {
    String file = frame.getFileName();
    if (file == null) {
      return frame.getClassName() + "." + frame.getMethodName();
    }
    return frame.getLineNumber() >= 0 ? file + ":" + frame.getLineNumber() : file;
  }

  /**
   * The full stack trace as {@link Throwable#printStackTrace()} prints it (causes and suppressed
   * exceptions included), lines separated by {@code \n}, without a trailing line break. A
   * throwable whose {@code toString()} throws gets its class name and why in the first line, then
   * its own frames.
   */
  public static String stackTrace(Throwable error) {
    try {
      StringWriter text = new StringWriter(1024);
      try (PrintWriter out = new PrintWriter(text)) {
        error.printStackTrace(out);
      }
      return text.toString().replace("\r\n", "\n").stripTrailing();
    } catch (Throwable broken) {
      StringBuilder text =
          new StringBuilder(error.getClass().getName())
              .append(" (its stack trace could not be printed: ")
              .append(typeName(broken))
              .append(")");
      try {
        for (StackTraceElement frame : error.getStackTrace()) {
          text.append("\n\tat ").append(frame);
        }
      } catch (Throwable alsoBroken) {
        // the first line says what it is
      }
      return text.toString();
    }
  }

  /** What {@code toString()} says of the object, or its class name if that throws. */
  public static String describe(Object object) {
    try {
      String text = String.valueOf(object);
      if (text.startsWith(object.getClass().getName() + "@")
          || text.startsWith(object.getClass().getName() + "$$Lambda")) {
        return object.getClass().getName().replaceFirst("\\$\\$Lambda.*", " (a lambda)");
      }
      return oneLine(text);
    } catch (Throwable broken) {
      return object.getClass().getName();
    }
  }

  /**
   * What went wrong, in a few words for an error line that says what it was doing: the reason of
   * a file-system error rather than its class ({@code permission denied}, {@code No space left on
   * device}), else {@link #summary} ({@code IllegalStateException: boom}); trimmed.
   */
  public static String reason(Throwable error) {
    String reason;
    String message = error instanceof IOException ? messageOf(error) : null;
    if (error instanceof NoSuchFileException) {
      reason = "no such file or directory";
    } else if (error instanceof AccessDeniedException) {
      reason = "permission denied";
    } else if (error instanceof FileAlreadyExistsException) {
      reason = "it already exists";
    } else if (error instanceof NotDirectoryException) {
      reason = "not a directory";
    } else if (error instanceof FileSystemException f && f.getReason() != null) {
      reason = f.getReason();
    } else if (message != null) { // an IOException's message is its reason
      reason = message;
    } else {
      reason = summary(error);
    }
    return line(reason);
  }

  private static @Nullable String messageOf(Throwable error) {
    try {
      return error.getMessage();
    } catch (Throwable broken) {
      return null; // summary() says so
    }
  }

  /** The text on one line: line breaks become spaces. */
  public static String oneLine(String text) {
    return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
  }

  /**
   * The text of an error line: on {@link #oneLine one line}, without the white space around it;
   * {@code null} for a missing message.
   */
  public static String line(@Nullable String text) {
    return oneLine(String.valueOf(text).strip());
  }
}
