package dev.stepgraph.runtime.cli;

/**
 * How {@link StepgraphCli#exit} ends the process: {@code System.exit}, unless the status is 0 and
 * no other thread would keep the JVM alive, in which case the caller returns from {@code main} and
 * the JVM ends as it does after any {@code main} (shutdown hooks run, status 0).
 *
 * <p>The two ends are the same but for their cost: from JDK 21 on, {@code Runtime.exit} logs the
 * call to the {@code java.lang.Runtime} {@link System.Logger}, and finding the logger looks for a
 * {@link System.LoggerFinder} in every jar of the class path, opening each one: about 100 ms for a
 * connector with 50 jars, more than {@code plan} itself takes.
 */
final class ProcessEnd {
  private ProcessEnd() {}

  /** Whether the process must be ended with {@code System.exit} rather than by returning. */
  static boolean needsSystemExit(int status) {
    return status != 0 || otherThreadKeepsTheJvmAlive();
  }

  /**
   * Whether a live thread other than this one is not a daemon: a thread of the connector's own
   * (an HTTP client's, say), or a step's that it left behind, which would keep the JVM running
   * after {@code main} returns.
   */
  static boolean otherThreadKeepsTheJvmAlive() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads;
    int count;
    do { // enumerate fills the array at most: grow it until the threads fit with room to spare
      threads = new Thread[root.activeCount() * 2 + 16];
      count = root.enumerate(threads, true);
    } while (count == threads.length);
    Thread current = Thread.currentThread();
    for (int i = 0; i < count; i++) {
      Thread thread = threads[i];
      if (thread != current && thread.isAlive() && !thread.isDaemon()) {
        return true;
      }
    }
    return false;
  }
}
