package dev.stepgraph.runtime;

/**
 * The threads the steps of one run run on; one instance per run. JDK 17: a {@link StepThreadPool}
 * of reused daemon platform threads, shut down when the run ends. The multi-release jar holds a
 * JDK 21 version of this class (src/main/java21) that starts a virtual thread per task instead;
 * nothing else differs. Either way, a task's thread is interrupted only through its {@link
 * StepTask}.
 */
final class StepThreads {
  private final StepThreadPool pool;

  /** The threads of a run of the connector {@code connectorId}. */
  StepThreads(String connectorId) {
    this.pool = new StepThreadPool("stepgraph-" + connectorId + "-", () -> {});
  }

  /** Whether steps run on virtual threads. */
  static boolean virtual() {
    return false;
  }

  /**
   * Runs the task on a thread of its own, named after the task while it runs.
   *
   * @throws java.util.concurrent.RejectedExecutionException after {@link #close()}
   */
  void start(StepTask task) {
    pool.start(task);
  }

  /** The run ended: idle threads end now, threads still running a task once it returns. */
  void close() {
    pool.close();
  }
}
