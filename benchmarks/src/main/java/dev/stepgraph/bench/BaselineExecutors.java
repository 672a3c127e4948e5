package dev.stepgraph.bench;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;

/** Executors for the hand-written baselines. */
public final class BaselineExecutors {
  private BaselineExecutors() {}

  /**
   * A thread per task, of the kind the runtime starts per step: a virtual thread on JDK 21+
   * ({@code Executors.newVirtualThreadPerTaskExecutor()}, looked up reflectively because this
   * module compiles for release 17), a new platform daemon thread on JDK 17.
   */
  public static Executor likeRuntime() {
    if (Runtime.version().feature() >= 21) {
      try {
        return (Executor) java.util.concurrent.Executors.class
            .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return task -> {
      Thread thread = new Thread(task);
      thread.setDaemon(true);
      thread.start();
    };
  }

  /** What the runtime's threads are called in the notes: virtual or platform. */
  public static String runtimeThreadKind() {
    return Runtime.version().feature() >= 21 ? "virtual thread per step" : "platform thread per step";
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
