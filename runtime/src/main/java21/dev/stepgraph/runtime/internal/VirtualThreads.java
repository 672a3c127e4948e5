package dev.stepgraph.runtime.internal;

import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Virtual threads for {@link StepThreads}, JDK 21+: a virtual thread per task, so thousands of
 * steps waiting on remote APIs cost no platform threads. A build on JDK 21+ compiles this class for
 * release 21 and puts it in place of the JDK 17 placeholder (src/main/java), in the jar's root;
 * {@link StepThreads} uses it only on JDK 21 or later.
 */
final class VirtualThreads {
  private VirtualThreads() {}

  /** Whether this build runs steps on virtual threads: this one does. */
  static boolean built() {
    return true;
  }

  /** Runs the task on a new virtual thread named after it. */
  static void start(InterruptibleTask task) {
    Thread.ofVirtual().name(task.name()).start(task);
  }

  /**
   * Runs the run's coordinator (the wave loop) on a virtual thread named {@code name}, waits for
   * it and returns what it returned, or throws what it threw. A virtual thread that starts the
   * steps' virtual threads hands each to its carrier's own queue, whereas a platform thread goes
   * through the scheduler's shared submission queue and wakes a carrier each time: that was 15 %
   * of a 10,000-step run (BENCHMARKS.md). An interrupt of the calling thread is passed on to the
   * coordinator, which cancels the run as it would on the calling thread, and is set again on the
   * caller at the end.
   */
  static <T> T coordinate(String name, Supplier<T> coordinator) {
    Coordination<T> coordination = new Coordination<>(coordinator);
    Thread thread = Thread.ofVirtual().name(name).start(coordination);
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
        thread.interrupt();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    // join() makes what the thread wrote visible here
    Throwable thrown = coordination.failure;
    if (thrown instanceof RuntimeException e) {
      throw e;
    }
    if (thrown instanceof Error e) {
      throw e;
    }
    if (thrown != null) {
      throw new IllegalStateException(thrown);
    }
    return Objects.requireNonNull(coordination.result);
  }

  /**
   * The coordinator on its thread, and what it returned or threw. A class, not a lambda: the run
   * path spins none ({@link RunScheduler} says why).
   */
  private static final class Coordination<T> implements Runnable {
    private final Supplier<T> coordinator;
    private @Nullable T result;
    private @Nullable Throwable failure;

    Coordination(Supplier<T> coordinator) {
      this.coordinator = coordinator;
    }

    @Override
    public void run() {
      try {
        result = coordinator.get();
      } catch (Throwable t) {
        failure = t;
      }
    }
  }
}
