package dev.stepgraph.processor;

/**
 * What the processor says when it fails itself, instead of javac's stack trace of an uncaught
 * exception: a bug in the processor, or a processor path it cannot run from.
 */
final class FailureMessages {
  private FailureMessages() {}

  /**
   * What an unexpected failure while processing {@code what} says. A {@link LinkageError} (a class
   * the processor needs is missing or of another version: {@code NoClassDefFoundError}) is a
   * processor path put together by hand, not a bug: one line that says how to fix it. Anything else
   * is a bug in the processor, reported with the first frames of its stack trace.
   */
  static String bug(String what, Throwable e) {
    if (e instanceof LinkageError) {
      return processorPath(" while processing " + what, e);
    }
    StringBuilder message = new StringBuilder("Stepgraph bug while processing ").append(what).append(": ")
        .append(e).append(". This is a bug in the Stepgraph annotation processor, not in your code;"
            + " please report it with this message.");
    StackTraceElement[] trace = e.getStackTrace();
    for (int i = 0; i < Math.min(8, trace.length); i++) {
      message.append("\n  at ").append(trace[i]);
    }
    return message.toString();
  }

  /**
   * A class the processor needs could not be loaded {@code processing} (empty while it starts):
   * its processor path, not the processor, is at fault.
   */
  static String processorPath(String processing, Throwable e) {
    return "the Stepgraph annotation processor could not load a class it needs" + processing + " (" + e + "):"
        + " its processor path is incomplete or mixes versions. Put the stepgraph-processor jar, of the same"
        + " version as stepgraph-runtime, on the processor path as it is published, alone (it bundles what it"
        + " needs): Maven annotationProcessorPaths, Gradle annotationProcessor, or javac -processorpath";
  }
}
