package dev.stepgraph.runtime;

/**
 * The threads the steps of one run run on; one instance per run. JDK 17: one platform (daemon)
 * thread per task. The multi-release jar holds a JDK 21 version of this class (src/main/java21)
 * that starts a virtual thread instead; nothing else differs. Either way, a task's thread is
 * interrupted only through its {@link StepTask}.
 */
final class StepThreads {

  /** The threads of a run of the connector {@code connectorId}. */
  StepThreads(String connectorId) {}

  /** Whether steps run on virtual threads. */
  static boolean virtual() {
    return false;
  }

  /** Runs the task on a new daemon thread named after it. */
  void start(StepTask task) {
    Thread thread = new Thread(task, task.name());
    thread.setDaemon(true);
    thread.start();
  }

  /** Nothing to shut down: each thread ends with its task. */
  void close() {}
}
