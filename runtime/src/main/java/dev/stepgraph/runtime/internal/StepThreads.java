package dev.stepgraph.runtime.internal;

import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The threads the steps of one run run on; one instance per run. On JDK 21+, with a runtime built
 * on JDK 21+: a virtual thread per task, and the wave loop on a virtual thread too ({@link
 * VirtualThreads}). Otherwise: a {@link StepThreadPool} of reused daemon platform threads, shut
 * down when the run ends, and the wave loop on the caller's thread. With an embedder's executor
 * ({@code ConnectorRunner.Builder.executor}): the tasks on its threads, which the run never shuts
 * down, and the wave loop as without one. Either way, a task's thread is interrupted only through
 * its {@link InterruptibleTask}.
 */
final class StepThreads {
  /**
   * Whether steps run on virtual threads. The JDK is checked first: on JDK 17 {@link
   * VirtualThreads}, which a JDK 21 build compiles for release 21, is never loaded.
   */
  private static final boolean VIRTUAL =
      Runtime.version().feature() >= 21 && VirtualThreads.built();

  /** The pool of platform threads; none when steps run on virtual threads or the executor. */
  private final @Nullable StepThreadPool pool;

  /** The embedder's executor, if one was given: the tasks run on it. */
  private final @Nullable Executor executor;

  /**
   * The threads of a run of the connector {@code connectorId}: the executor's, if one is given,
   * else the run's own.
   */
  StepThreads(String connectorId, @Nullable Executor executor) {
    this.executor = executor;
    this.pool =
        VIRTUAL || executor != null
            ? null
            : new StepThreadPool("stepgraph-" + connectorId + "-", null);
  }

  /** Whether steps run on virtual threads. */
  static boolean virtual() {
    return VIRTUAL;
  }

  /**
   * Runs the task on a thread of its own, named after the task while it runs.
   *
   * @throws java.util.concurrent.RejectedExecutionException after {@link #close()}, on platform
   *     threads; whatever the embedder's executor throws, on it
   */
  void start(InterruptibleTask task) {
    Executor given = executor;
    StepThreadPool platform = pool;
    if (given != null) {
      given.execute(new Named(task));
    } else if (platform == null) {
      VirtualThreads.start(task);
    } else {
      platform.start(task);
    }
  }

  /**
   * Runs the task on the calling step thread once its current task returns, if the caller is a
   * step thread about to return (a step handing its slot to the next); else as {@link #start}. A
   * virtual thread per task costs nothing to hand over, and the embedder's executor has its own
   * way of handing tasks to threads, so with either it is {@link #start}.
   */
  void startNext(InterruptibleTask task) {
    StepThreadPool platform = pool;
    if (platform == null) {
      start(task);
    } else {
      platform.startNext(task);
    }
  }

  /**
   * Runs the run's coordinator (the wave loop) and returns what it returned, or throws what it
   * threw: on a virtual thread (see {@link VirtualThreads#coordinate}), else on the calling thread.
   */
  <T> T coordinate(String name, Supplier<T> coordinator) {
    return VIRTUAL ? VirtualThreads.coordinate(name, coordinator) : coordinator.get();
  }

  /**
   * The run ended: idle threads end now, threads still running a task once it returns. Nothing to
   * shut down on virtual threads, each of which ends with its task, nor on the embedder's
   * executor, which is the embedder's to shut down.
   */
  void close() {
    StepThreadPool platform = pool;
    if (platform != null) {
      platform.close();
    }
  }

  /** A task on a thread of the embedder's executor, named after it while it runs. */
  private static final class Named implements Runnable {
    private final InterruptibleTask task;

    Named(InterruptibleTask task) {
      this.task = task;
    }

    @Override
    public void run() {
      task.runNamed(); // keeps what its body threw, clears the interrupts meant for it
    }
  }
}
