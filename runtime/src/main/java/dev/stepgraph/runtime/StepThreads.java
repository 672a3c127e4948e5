package dev.stepgraph.runtime;

/**
 * Starts the thread a step runs on. JDK 17: one platform (daemon) thread per step. The
 * multi-release jar holds a JDK 21 version of this class (src/main/java21) that starts a virtual
 * thread instead; nothing else differs.
 */
final class StepThreads {
  private StepThreads() {}

  /** Whether steps run on virtual threads. */
  static boolean virtual() {
    return false;
  }

  static Thread start(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
