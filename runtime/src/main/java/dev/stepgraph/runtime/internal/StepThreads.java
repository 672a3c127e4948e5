package dev.stepgraph.runtime.internal;

import java.util.function.Supplier;

/**
 * The threads the steps of one run run on; one instance per run. JDK 17: a {@link StepThreadPool}
 * of reused daemon platform threads, shut down when the run ends, and the wave loop on the
 * caller's thread. The multi-release jar holds a JDK 21 version of this class (src/main/java21)
 * that starts a virtual thread per task instead and runs the wave loop on a virtual thread too.
 * Either way, a task's thread is interrupted only through its {@link InterruptibleTask}.
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
  void start(InterruptibleTask task) {
    pool.start(task);
  }

  /**
   * Runs the task on the calling step thread once its current task returns, if the caller is a
   * step thread about to return (a step handing its slot to the next); else as {@link #start}.
   */
  void startNext(InterruptibleTask task) {
    pool.startNext(task);
  }

  /**
   * Runs the run's coordinator (the wave loop) and returns what it returned: here, on the calling
   * thread.
   */
  <T> T coordinate(String name, Supplier<T> coordinator) {
    return coordinator.get();
  }

  /** The run ended: idle threads end now, threads still running a task once it returns. */
  void close() {
    pool.close();
  }
}
