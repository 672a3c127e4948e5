package dev.stepgraph.runtime.internal;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The step threads of one run on JDK 17: daemon platform threads, reused. A task never waits for a
 * thread: it goes to an idle thread if there is one, else to a new thread (a cached pool, without
 * a queue), so all steps of a wave still run at once. A thread is idle only once its task
 * returned, so the thread of a step abandoned while still running is never handed another one.
 * Threads are named {@code <prefix>N} when idle and after their task while they run it.
 *
 * <p>{@link #close()} never waits: idle threads end at once, busy ones when their task returns.
 * Interrupts go through {@link InterruptibleTask}, never to a pool thread directly.
 */
final class StepThreadPool {
  private final String prefix;
  private final @Nullable Runnable whenIdle;
  private final AtomicInteger created = new AtomicInteger();
  // Idle workers, most recently idle first. A worker popped from here is handed exactly one task
  // (or stop) by whoever popped it; a worker only leaves on its own by removing itself.
  private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
  private final InterruptibleTask stop = new InterruptibleTask("stop", new Stop());
  private final ThreadLocal<Worker> self = new ThreadLocal<>();
  private volatile boolean closed;

  /**
   * A pool whose threads are named {@code prefix} and a number; {@code whenIdle}, if any, runs on
   * a worker each time it became idle (tests).
   */
  StepThreadPool(String prefix, @Nullable Runnable whenIdle) {
    this.prefix = prefix;
    this.whenIdle = whenIdle;
  }

  /**
   * Runs the task on an idle thread or a new one.
   *
   * @throws RejectedExecutionException once closed
   * @throws OutOfMemoryError and the like if a new thread cannot start
   */
  void start(InterruptibleTask task) {
    if (closed) {
      throw new RejectedExecutionException("the run's step threads are shut down");
    }
    Worker worker = idle.pollFirst();
    if (worker != null) {
      worker.handOff(task);
      return;
    }
    worker = new Worker(prefix + created.incrementAndGet(), task);
    worker.thread.start();
  }

  /**
   * Runs the task next on the calling thread, if it is one of this pool's and about to return from
   * its task (a step handing its slot of the parallelism to the next one), so that the hand-over
   * needs no second thread; otherwise as {@link #start}.
   */
  void startNext(InterruptibleTask task) {
    if (closed) {
      throw new RejectedExecutionException("the run's step threads are shut down");
    }
    Worker current = self.get();
    if (current != null && current.next == null && current.afterCurrent == null) {
      current.afterCurrent = task;
      return;
    }
    start(task);
  }

  /**
   * No new tasks; idle threads end now, busy ones once their task returns. Never waits, and wakes
   * one idle thread only: each thread that stops wakes the next idle one before it ends, so the
   * run's end does not pay for waking 50 threads one after another (1.1 ms on JDK 17 here; see
   * BENCHMARKS.md, "Concurrency").
   */
  void close() {
    closed = true;
    stopNextIdle();
  }

  /** Hands stop to the most recently idle thread, if any. */
  private void stopNextIdle() {
    Worker worker = idle.pollFirst();
    if (worker != null) {
      worker.handOff(stop);
    }
  }

  /** The body of the task that stops a worker: none (a class: {@link RunScheduler} says why). */
  private static final class Stop implements Consumer<InterruptibleTask> {
    @Override
    public void accept(InterruptibleTask self) {}
  }

  private final class Worker implements Runnable {
    final Thread thread;
    private volatile @Nullable InterruptibleTask next;
    private @Nullable InterruptibleTask afterCurrent; // only its own thread touches it

    Worker(String name, InterruptibleTask first) {
      this.next = first;
      this.thread = new Thread(this, name);
      thread.setDaemon(true);
    }

    void handOff(InterruptibleTask task) {
      next = task;
      LockSupport.unpark(thread);
    }

    @Override
    public void run() {
      self.set(this);
      InterruptibleTask task = next;
      next = null;
      while (task != null && task != stop) {
        task.runNamed(); // clears the thread's interrupt flag when it ends; keeps what its body threw
        InterruptibleTask following = afterCurrent;
        if (following != null) {
          afterCurrent = null;
          task = following;
        } else {
          task = awaitTask();
        }
      }
      if (task == stop) {
        stopNextIdle(); // close() woke this thread only: pass it on
      }
    }

    /** Parks as an idle worker until handed a task or stop; null if the pool closed meanwhile. */
    private @Nullable InterruptibleTask awaitTask() {
      idle.addFirst(this);
      Runnable idleHook = whenIdle;
      if (idleHook != null) {
        idleHook.run();
      }
      boolean listed = true;
      InterruptibleTask task;
      while ((task = next) == null) {
        if (listed && closed) {
          if (idle.remove(this)) {
            return null; // nobody can hand us anything now
          }
          listed = false; // popped: a task or stop is on its way
        }
        Thread.interrupted(); // a stray interrupt must not make park return at once, forever
        LockSupport.park(this);
      }
      next = null;
      return task;
    }
  }
}
