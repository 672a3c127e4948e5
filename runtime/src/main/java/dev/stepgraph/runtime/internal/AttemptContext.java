package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.NonRetryableException;
import dev.stepgraph.runtime.PriorData;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.StepContext;
import dev.stepgraph.runtime.StepSkippedException;
import dev.stepgraph.runtime.graph.StepBody;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * One attempt of one step: the {@link StepContext} its code sees. Emissions are checked and
 * buffered in its {@link AttemptEmissions}; the step's {@link StepRun} commits them if the attempt
 * succeeds and discards them (keys released) otherwise, so every attempt starts with a clean
 * slate.
 *
 * <p>Once closed, the context takes nothing more. Using it after the step method returned throws;
 * a step method still running after its attempt was given up (timed out, or abandoned after a
 * cancel) has its emissions and log lines silently dropped.
 */
final class AttemptContext implements StepContext {
  private final StepRun execution;
  private final RunContext run;
  private volatile @Nullable Logger logger; // created on first use: most steps never log

  private final Object lock = new Object();
  private final AttemptEmissions emissions; // guarded by lock
  private @Nullable String skipReason; // guarded by lock
  private boolean returned; // guarded by lock: the step method returned (or threw)
  private volatile boolean closed;
  private volatile boolean givenUp;

  private static final int RUNNING = 0;
  private static final int RETURNED = 1;
  private static final int TIMED_OUT = 2;
  // Who ends the attempt: the thread of the step method when it returns, or the timeout.
  private final AtomicInteger phase = new AtomicInteger(RUNNING);
  private volatile @Nullable Throwable thrown;
  private volatile @Nullable InterruptibleTask task; // runs the step method, while it runs

  /**
   * How an attempt ended, read when it is closed.
   *
   * @param retryable false when a retry cannot succeed whatever the policy: the step emitted a
   *     duplicate entity key or an undeclared type, even if its code caught what {@code emit} threw
   */
  record Ending(@Nullable Throwable failure, @Nullable String skipReason, boolean retryable) {}

  /** An attempt of {@code execution}. */
  AttemptContext(StepRun execution, RunContext run) {
    this.execution = execution;
    this.run = run;
    this.emissions = new AttemptEmissions(execution, run.keys());
  }

  // ---- StepContext

  @Override
  public String stepId() {
    return execution.stepId();
  }

  @Override
  public void emit(Entity entity) {
    Objects.requireNonNull(entity, "entity");
    synchronized (lock) {
      if (open()) {
        emissions.add(entity);
      }
    }
  }

  @Override
  public void emit(Relationship relationship) {
    Objects.requireNonNull(relationship, "relationship");
    synchronized (lock) {
      if (open()) {
        emissions.add(relationship);
      }
    }
  }

  /**
   * An emission outside the step's declaration: a bug in the step, so never retried. Thrown by
   * {@link AttemptEmissions}; declared here, as events and the run store name its class.
   */
  static final class UndeclaredEmit extends NonRetryableException {
    private static final long serialVersionUID = 1L;

    UndeclaredEmit(String message) {
      super(message);
    }
  }

  /** Whether emissions count; throws if the step method already returned. Holds the lock. */
  private boolean open() {
    if (!closed) {
      return true;
    }
    if (returned) {
      throw new IllegalStateException(
          "step '" + stepId() + "': its context was used after the step finished");
    }
    return false; // the step was given up while still running: ignore what it does late
  }

  @Override
  public PriorData prior() {
    return execution.prior();
  }

  @Override
  public Logger log() {
    Logger current = logger;
    if (current == null) {
      // Two threads racing here make two loggers that behave the same: no lock needed.
      current =
          new StepLogger(
              stepId(),
              event -> {
                if (!closed) {
                  run.publish(event);
                }
              },
              run.clock());
      logger = current;
    }
    return current;
  }

  @Override
  public Set<String> failedDependencies() {
    return execution.failedDependencies();
  }

  @Override
  public Config config() {
    return run.config();
  }

  @Override
  public boolean isCancelled() {
    return givenUp || execution.isCancelled();
  }

  @Override
  public void checkCancelled() {
    if (isCancelled()) {
      throw new CancellationException("step '" + stepId() + "' was cancelled");
    }
  }

  @Override
  public void skip(String reason) {
    Objects.requireNonNull(reason, "reason");
    synchronized (lock) {
      if (!closed && skipReason == null) {
        skipReason = reason;
      }
    }
    throw new StepSkippedException(reason);
  }

  // ---- lifecycle, driven by StepRun

  /**
   * Runs the step method on the calling thread, which runs {@code on}, and records how it ended.
   * While it runs, {@link #interrupt()} interrupts it through {@code on}. What the method threw
   * means the attempt failed: its emissions are dropped at once, so a step that ran the heap out
   * frees it before anything else happens.
   */
  void runBody(StepBody body, InterruptibleTask on) {
    task = on;
    if (givenUp) {
      // The timeout fired before the body began (a loaded machine, a 20ms timeout): giveUp saw no
      // task to interrupt, so the body is interrupted from the start. Both fields are volatile, so
      // either giveUp sees the task or this sees givenUp.
      on.interrupt();
    }
    try {
      body.run(this);
    } catch (Throwable t) {
      thrown = t;
      discard(); // allocates nothing, and frees what the attempt collected
    } finally {
      task = null;
      synchronized (lock) {
        returned = true;
      }
    }
  }

  /**
   * Claims the end of the attempt for the thread that ran the step method, once it returned;
   * false if the attempt timed out first (the watchdog then owns what follows).
   */
  boolean claimReturn() {
    return phase.compareAndSet(RUNNING, RETURNED);
  }

  /** Claims the end of the attempt for its timeout; false if the step method returned first. */
  boolean claimTimeout() {
    return phase.compareAndSet(RUNNING, TIMED_OUT);
  }

  /** Closes the context once the step method returned, and tells how the attempt ended. */
  Ending close() {
    synchronized (lock) {
      closed = true;
      RuntimeException emitFailure = emissions.failure();
      Throwable failure = emitFailure != null ? emitFailure : thrown;
      String skip = skipReason;
      if (skip == null && failure instanceof StepSkippedException skipped) {
        skip = skipped.reason();
      }
      return new Ending(failure, skip, emitFailure == null);
    }
  }

  /** The attempt's emissions, once closed. */
  StepEmissions output() {
    synchronized (lock) {
      return emissions.output();
    }
  }

  /**
   * Closes the context and frees the entity keys it claimed and what it collected: its emissions
   * never count. Allocates nothing until the memory is free.
   */
  void discard() {
    synchronized (lock) {
      closed = true;
      emissions.discard();
    }
  }

  /**
   * Gives up on the attempt while its step method may still run (timeout, or no stop within the
   * cancel grace): discards it, makes {@link #isCancelled()} true and interrupts its thread.
   */
  void giveUp() {
    givenUp = true;
    discard();
    interrupt();
  }

  /** Interrupts the step method if it is running; through its task, so never anything else. */
  void interrupt() {
    InterruptibleTask running = task;
    if (running != null) {
      running.interrupt();
    }
  }
}
