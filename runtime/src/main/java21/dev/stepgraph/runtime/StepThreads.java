package dev.stepgraph.runtime;

/**
 * The threads the steps of one run run on; one instance per run. JDK 21+: a virtual thread per
 * task, so thousands of steps waiting on remote APIs cost no platform threads. Overrides the JDK 17
 * class (a pool of platform threads) in the multi-release jar (META-INF/versions/21).
 */
final class StepThreads {

  /** The threads of a run of the connector {@code connectorId}. */
  StepThreads(String connectorId) {}

  /** Whether steps run on virtual threads. */
  static boolean virtual() {
    return true;
  }

  /** Runs the task on a new virtual thread named after it. */
  void start(StepTask task) {
    Thread.ofVirtual().name(task.name()).start(task);
  }

  /** Nothing to shut down: each virtual thread ends with its task. */
  void close() {}
}
