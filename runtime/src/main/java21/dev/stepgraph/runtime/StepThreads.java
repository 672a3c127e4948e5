package dev.stepgraph.runtime;

/**
 * Starts the thread a step runs on. JDK 21+: a virtual thread per step, so thousands of steps
 * waiting on remote APIs cost no platform threads. Overrides the JDK 17 class in the
 * multi-release jar (META-INF/versions/21).
 */
final class StepThreads {
  private StepThreads() {}

  /** Whether steps run on virtual threads. */
  static boolean virtual() {
    return true;
  }

  static Thread start(String name, Runnable task) {
    return Thread.ofVirtual().name(name).start(task);
  }
}
