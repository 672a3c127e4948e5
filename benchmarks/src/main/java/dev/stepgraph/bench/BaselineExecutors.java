package dev.stepgraph.bench;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;

/** Executors for the hand-written baselines. */
public final class BaselineExecutors {
  private BaselineExecutors() {}

  /**
   * An executor of the kind the runtime uses for the steps of one run; like the runtime, make one
   * per run and {@link #shutdown} it afterwards. JDK 21+: a virtual thread per task
   * ({@code Executors.newVirtualThreadPerTaskExecutor()}, looked up reflectively because this
   * module compiles for release 17). JDK 17: a cached pool of daemon platform threads (a task goes
   * to an idle thread, else to a new one; nothing queues), as the runtime's {@code StepThreadPool}.
   */
  public static Executor likeRuntime() {
    if (Runtime.version().feature() >= 21) {
      try {
        return (Executor) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task);
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Runs {@code run} with a new {@link #likeRuntime()} executor, shut down afterwards: one per run, as the runtime. */
  public static void perRun(Consumer<Executor> run) {
    Executor executor = likeRuntime();
    try {
      run.accept(executor);
    } finally {
      shutdown(executor);
    }
  }

  /** A work-stealing pool with one thread per core: the cheapest reasonable executor for no-op tasks. */
  public static ExecutorService pool() {
    return new ForkJoinPool(Runtime.getRuntime().availableProcessors());
  }

  public static void shutdown(Executor executor) {
    if (executor instanceof ExecutorService service) {
      service.shutdownNow();
    }
  }
}
