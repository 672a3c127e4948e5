package dev.stepgraph.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * One execution of one step: its {@link StepContext}, and the task its thread runs. Emissions are
 * buffered here and committed by the scheduler only if the step succeeds.
 */
final class StepExecution implements StepContext, Runnable {
  private final StepDefinition step;
  private final int wave;
  private final RunExecution run;
  private final RunExecution.WaveTracker tracker;
  private final PriorData prior;
  private final @Nullable Semaphore permits;
  private final Logger logger;

  private final Object emitLock = new Object();
  private final List<Entity> entities = new ArrayList<>();
  private final List<Relationship> relationships = new ArrayList<>();
  private @Nullable RuntimeException emitFailure;
  private volatile boolean closed;

  private volatile @Nullable Thread thread;
  private volatile boolean stopRequested;
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile long startNanos;
  private volatile boolean started;

  // The outcome; written once by whoever wins `finished`, read by the scheduler after the wave.
  private volatile StepStatus status = StepStatus.NOT_RUN;
  private volatile Duration duration = Duration.ZERO;
  private volatile @Nullable Throwable error;
  private volatile @Nullable StepOutput output;

  StepExecution(
      StepDefinition step,
      int wave,
      RunExecution run,
      RunExecution.WaveTracker tracker,
      PriorData prior,
      @Nullable Semaphore permits) {
    this.step = step;
    this.wave = wave;
    this.run = run;
    this.tracker = tracker;
    this.prior = prior;
    this.permits = permits;
    this.logger =
        new StepLogger(
            step.id(),
            event -> {
              if (!closed) {
                run.publish(event);
              }
            },
            run.clock());
  }

  // ---- StepContext

  @Override
  public String stepId() {
    return step.id();
  }

  @Override
  public void emit(Entity entity) {
    java.util.Objects.requireNonNull(entity, "entity");
    synchronized (emitLock) {
      checkOpen();
      EntityKeys.Owner previous = run.keys().claim(step.id(), entity);
      if (previous != null) {
        String by =
            previous.stepId().equals(step.id())
                ? "step '" + step.id() + "' (this step)"
                : "step '" + previous.stepId() + "'";
        IllegalStateException failure =
            new IllegalStateException(
                "step '" + step.id() + "': duplicate entity key '" + entity.key()
                    + "': already emitted by " + by);
        if (emitFailure == null) {
          emitFailure = failure;
        }
        throw failure;
      }
      entities.add(entity);
    }
  }

  @Override
  public void emit(Relationship relationship) {
    java.util.Objects.requireNonNull(relationship, "relationship");
    synchronized (emitLock) {
      checkOpen();
      relationships.add(relationship);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(
          "step '" + step.id() + "': its context was used after the step finished");
    }
  }

  @Override
  public PriorData prior() {
    return prior;
  }

  @Override
  public Logger log() {
    return logger;
  }

  @Override
  public Config config() {
    return run.config();
  }

  @Override
  public boolean isCancelled() {
    return stopRequested || run.isCancelled();
  }

  @Override
  public void checkCancelled() {
    if (isCancelled()) {
      throw new CancellationException("step '" + step.id() + "' was cancelled");
    }
  }

  // ---- the task

  @Override
  public void run() {
    thread = Thread.currentThread();
    boolean acquired = false;
    try {
      if (isCancelled()) {
        notRun();
        return;
      }
      if (permits != null) {
        try {
          permits.acquire();
          acquired = true;
        } catch (InterruptedException e) {
          notRun();
          return;
        }
        if (isCancelled()) {
          notRun();
          return;
        }
      }
      startNanos = System.nanoTime();
      started = true;
      run.publish(new RunEvent.StepStarted(run.clock().instant(), step.id(), wave));
      Throwable failure = null;
      try {
        step.body().run(this);
      } catch (Throwable t) {
        failure = t;
      }
      Thread.interrupted(); // a cancel that came late must not disturb the bookkeeping below
      complete(failure);
    } catch (Throwable unexpected) {
      complete(unexpected);
    } finally {
      thread = null;
      if (acquired) {
        permits.release();
      }
      tracker.stepDone();
    }
  }

  /** Ends the step without running it: its thread could not start, or the run was cancelled. */
  void notRun() {
    if (finished.compareAndSet(false, true)) {
      synchronized (emitLock) {
        closed = true;
      }
      status = StepStatus.NOT_RUN;
    }
  }

  /** Ends the step with this failure, having never run it (its thread could not start). */
  void failToStart(Throwable failure) {
    startNanos = System.nanoTime();
    complete(failure);
  }

  private void complete(@Nullable Throwable failure) {
    if (!finished.compareAndSet(false, true)) {
      return; // abandoned by the scheduler after cancellation
    }
    Throwable cause;
    synchronized (emitLock) {
      closed = true;
      cause = emitFailure != null ? emitFailure : failure;
    }
    duration = Duration.ofNanos(System.nanoTime() - startNanos);
    if (cause == null) {
      StepOutput committed = new StepOutput(step.id(), entities, relationships);
      output = committed;
      status = StepStatus.SUCCEEDED;
      run.publish(
          new RunEvent.StepCompleted(
              run.clock().instant(),
              step.id(),
              duration,
              committed.entityCounts(),
              relationships.size()));
      return;
    }
    run.keys().release(step.id(), entities);
    error = cause;
    if (isCancelled()) {
      status = StepStatus.CANCELLED;
      run.publish(new RunEvent.StepCancelled(run.clock().instant(), step.id(), duration));
    } else {
      status = StepStatus.FAILED;
      run.publish(new RunEvent.StepFailed(run.clock().instant(), step.id(), duration, cause));
    }
  }

  /** Asks the step to stop: {@link #isCancelled()} turns true and its thread is interrupted. */
  void interrupt() {
    stopRequested = true;
    Thread running = thread;
    if (running != null) {
      running.interrupt();
    }
  }

  /**
   * Gives up on a step that did not stop within the grace period after cancellation: it is
   * recorded as cancelled, its emissions are discarded, and whatever it does later is ignored.
   */
  void abandon() {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    synchronized (emitLock) {
      closed = true;
      run.keys().release(step.id(), entities);
    }
    if (started) {
      status = StepStatus.CANCELLED;
      duration = Duration.ofNanos(System.nanoTime() - startNanos);
      error = new CancellationException("step '" + step.id() + "' did not stop when cancelled");
      run.publish(new RunEvent.StepCancelled(run.clock().instant(), step.id(), duration));
    } else {
      status = StepStatus.NOT_RUN;
    }
  }

  boolean isFinished() {
    return finished.get();
  }

  @Nullable StepOutput output() {
    return output;
  }

  StepResult result() {
    StepOutput committed = output;
    if (status == StepStatus.SUCCEEDED && committed != null) {
      return new StepResult(
          step.id(),
          wave,
          status,
          duration,
          committed.entityCounts(),
          committed.relationships.size(),
          null,
          committed.entities,
          committed.relationships);
    }
    return new StepResult(
        step.id(), wave, status, duration, Map.of(), 0, error, List.of(), List.of());
  }
}
