package dev.stepgraph.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One task on a step thread, and the only way to interrupt it: {@link #interrupt()} reaches the
 * thread only while this task runs on it. On JDK 17 step threads are pooled and run one task after
 * another ({@link StepThreadPool}), so an interrupt meant for a step that is just finishing must
 * never reach the next task on the same thread.
 *
 * <p>As {@link java.util.concurrent.FutureTask} does it: the interrupter moves {@code RUNNING} (or
 * {@code INTERRUPTED}, for a second interrupt) to {@code INTERRUPTING}, interrupts the thread, then
 * sets {@code INTERRUPTED}. The runner, once the body returned, moves {@code RUNNING} or {@code
 * INTERRUPTED} to {@code DONE}, waiting out an {@code INTERRUPTING} in progress, and then clears
 * its thread's interrupt flag: whatever was meant for this task (or left set by its body) ends with
 * it, and after {@code DONE} nothing is delivered. An interrupt before the task runs is kept
 * ({@code PENDING}): the body then starts with its thread interrupted.
 */
final class InterruptibleTask implements Runnable {
  private static final int NEW = 0;
  private static final int PENDING = 1;
  private static final int RUNNING = 2;
  private static final int INTERRUPTING = 3;
  private static final int INTERRUPTED = 4;
  private static final int DONE = 5;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(InterruptibleTask.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String name;
  private final Consumer<InterruptibleTask> body;
  private volatile int state = NEW;
  // Written before state leaves NEW and PENDING, cleared after DONE: an interrupter that moved the
  // state to INTERRUPTING always sees the thread, and the runner cannot reach DONE meanwhile.
  private @Nullable Thread runner;
  // What escaped the body, if anything: kept rather than thrown, so that no uncaught-exception
  // handler runs (which, out of heap, fails in its turn) and the thread ends or is reused cleanly.
  private volatile @Nullable Throwable escaped;

  /**
   * A task named {@code name} (the name of its thread while it runs) that runs {@code body},
   * which gets the task itself: the handle through which its thread is interrupted.
   */
  InterruptibleTask(String name, Consumer<InterruptibleTask> body) {
    this.name = name;
    this.body = body;
  }

  String name() {
    return name;
  }

  /** Runs the body on the calling thread, once; what it throws is kept ({@link #escaped()}). */
  @Override
  public void run() {
    int initial = state;
    if (initial != NEW && initial != PENDING) {
      throw new IllegalStateException("task '" + name + "' already ran");
    }
    Thread thread = Thread.currentThread();
    runner = thread;
    if (!STATE.compareAndSet(this, NEW, RUNNING)) {
      state = INTERRUPTED; // was PENDING, which only the runner leaves
      thread.interrupt(); // interrupted before it ran
    }
    try {
      body.accept(this);
    } catch (Throwable t) {
      escaped = t; // the scheduler notices a task that ended without an outcome (RunScheduler)
    } finally {
      finish();
    }
  }

  /**
   * Runs the task as {@link #run()} does, on a thread that bears the task's name meanwhile (for
   * thread dumps) and gets its own name back after: a pooled thread, the run's or an embedder's.
   */
  void runNamed() {
    Thread thread = Thread.currentThread();
    String own = thread.getName();
    thread.setName(name);
    try {
      run();
    } finally {
      thread.setName(own);
    }
  }

  /** Whether the task ran and its body returned or threw. */
  boolean isDone() {
    return state == DONE;
  }

  /** What the body threw, if it threw. */
  @Nullable Throwable escaped() {
    return escaped;
  }

  private void finish() {
    while (true) {
      int current = state;
      if (current == INTERRUPTING) {
        Thread.yield(); // an interrupter is delivering: let it finish, then clear its interrupt
      } else if (STATE.compareAndSet(this, current, DONE)) {
        break; // from RUNNING or INTERRUPTED: no interrupt can reach the thread from now on
      }
    }
    runner = null;
    Thread.interrupted();
  }

  /**
   * Interrupts the task's thread if the task is running (each call one interrupt, as {@link
   * Thread#interrupt()}); remembers the interrupt if it has not started yet; does nothing once it
   * ended. Safe from any thread, any number of times.
   */
  void interrupt() {
    while (true) {
      int current = state;
      if (current == NEW) {
        if (STATE.compareAndSet(this, NEW, PENDING)) {
          return;
        }
      } else if (current == RUNNING || current == INTERRUPTED) {
        if (STATE.compareAndSet(this, current, INTERRUPTING)) {
          try {
            Objects.requireNonNull(runner).interrupt();
          } finally {
            state = INTERRUPTED;
          }
          return;
        }
      } else if (current == INTERRUPTING) {
        // Another interrupt is on its way. The body may consume it before this call returns, so
        // deliver this one after it rather than drop it.
        Thread.yield();
      } else {
        return; // PENDING: the body starts interrupted; DONE: too late, by design
      }
    }
  }
}
