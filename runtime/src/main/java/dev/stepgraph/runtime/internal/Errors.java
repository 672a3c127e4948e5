package dev.stepgraph.runtime.internal;

/**
 * Formats throwables as one line. Never fails: a throwable whose {@code getMessage()} or {@code
 * toString()} throws is still described, so reporting a failure cannot become a failure of its
 * own.
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

  private static String typeName(Throwable error) {
    String name = error.getClass().getSimpleName();
    return name.isEmpty() ? error.getClass().getName() : name;
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

  public static String oneLine(String text) {
    return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
  }
}
