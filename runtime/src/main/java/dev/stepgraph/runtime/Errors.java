package dev.stepgraph.runtime;

/** Formats throwables as one line. */
final class Errors {
  private Errors() {}

  static String summary(Throwable error) {
    String message = error.getMessage();
    String name = error.getClass().getSimpleName();
    if (name.isEmpty()) {
      name = error.getClass().getName();
    }
    return message == null || message.isBlank() ? name : name + ": " + oneLine(message);
  }

  static String oneLine(String text) {
    return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
  }
}
