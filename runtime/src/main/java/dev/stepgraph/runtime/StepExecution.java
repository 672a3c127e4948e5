package dev.stepgraph.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One execution of one step, under its {@link StepPolicy}: the {@link #task()} its thread runs.
 * Each attempt gets a fresh {@link StepAttempt} (its context); only the emissions of a successful
 * attempt are kept, and the scheduler commits them after the wave.
 *
 * <p>Without a timeout an attempt runs on the step's own thread. With one, it runs on a thread of
 * its own that this thread waits for, at most the timeout; an attempt past it is given up
 * (discarded, interrupted, its late emissions ignored) and its thread, daemon or virtual, is left
 * behind, so a step that ignores interrupts holds up neither its wave nor the run. A pooled thread
 * is reused only once its task returned; every interrupt goes through a {@link StepTask}, so it
 * never reaches a later step on the same thread.
 */
final class StepExecution {
  private final StepDefinition step;
  private final int wave;
  private final RunExecution run;
  private final RunExecution.WaveTracker tracker;
  private final PriorData prior;
  private final @Nullable Semaphore permits;

  private final StepTask task;
  private volatile @Nullable StepAttempt current;
  private volatile boolean stopRequested;
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile long startNanos;
  private volatile boolean started;

  // The outcome; written once by whoever wins `finished`, read by the scheduler after the wave.
  private volatile StepStatus status = StepStatus.NOT_RUN;
  private volatile Duration duration = Duration.ZERO;
  private volatile @Nullable Throwable error;
  private volatile @Nullable StepOutput output;
  private volatile int attempts;
  private volatile @Nullable String skipReason;

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
    this.task = new StepTask("stepgraph-" + step.id(), self -> drive());
  }

  /** What the step's thread runs: the whole step, attempts and backoff included. */
  StepTask task() {
    return task;
  }

  String stepId() {
    return step.id();
  }

  PriorData prior() {
    return prior;
  }

  /** Whether the run was cancelled or this step was asked to stop. */
  boolean isCancelled() {
    return stopRequested || run.isCancelled();
  }

  // ---- the task

  private void drive() {
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
      attemptAll();
    } catch (Throwable unexpected) {
      StepAttempt attempt = current;
      if (attempt != null) {
        attempt.discard();
      }
      end(unexpected, false);
    } finally {
      if (acquired) {
        permits.release();
      }
      tracker.stepDone();
    }
  }

  /** Attempts the step until an attempt succeeds, it is skipped or cancelled, or retries run out. */
  private void attemptAll() {
    StepPolicy policy = step.policy();
    RetryPolicy retry = policy.retry();
    Duration timeout = policy.timeout();
    for (int number = 1; ; number++) {
      StepAttempt attempt = new StepAttempt(this, run, timeout != null);
      current = attempt;
      attempts = number;
      boolean timedOut;
      if (timeout == null) {
        attempt.runBody(step.body(), task);
        timedOut = false;
      } else {
        timedOut = !runWithTimeout(attempt, timeout);
      }
      Thread.interrupted(); // a cancel that came late must not disturb the bookkeeping below
      Throwable failure;
      String skip = null;
      if (timedOut) {
        attempt.giveUp();
        failure = new TimeoutException("timed out after " + StepPolicy.formatDuration(timeout));
      } else {
        StepAttempt.Outcome outcome = attempt.close();
        failure = outcome.failure();
        skip = outcome.skipReason();
      }
      if (skip != null) {
        attempt.discard();
        skipped(skip);
        return;
      }
      if (failure == null) {
        succeed(attempt);
        return;
      }
      attempt.discard();
      if (isCancelled()
          || failure instanceof NonRetryableException
          || number >= retry.attempts()) {
        end(failure, timedOut);
        return;
      }
      Duration delay = retry.delayAfter(number, run.jitter());
      run.publish(
          new RunEvent.StepRetrying(
              run.clock().instant(), step.id(), number + 1, retry.attempts(), delay, failure));
      try {
        run.sleeper().sleep(delay);
      } catch (InterruptedException e) {
        end(failure, false);
        return;
      }
      if (isCancelled()) {
        end(failure, false);
        return;
      }
    }
  }

  /** Runs the attempt on a thread of its own; whether it returned within the timeout. */
  private boolean runWithTimeout(StepAttempt attempt, Duration timeout) {
    try {
      run.threads().start(attempt.ownTask(task.name(), step.body()));
    } catch (Throwable cannotStart) {
      attempt.failToStart(cannotStart);
      return true;
    }
    long limit = Sleeper.saturatedNanos(timeout);
    long begin = System.nanoTime();
    while (true) {
      long left = limit - (System.nanoTime() - begin);
      if (left <= 0) {
        return false;
      }
      try {
        if (attempt.awaitReturn(left)) {
          return true;
        }
      } catch (InterruptedException cancelled) {
        // the attempt was interrupted as well; wait for it to stop, still at most the timeout
      }
    }
  }

  private void succeed(StepAttempt attempt) {
    if (!finished.compareAndSet(false, true)) {
      attempt.discard();
      return; // abandoned by the scheduler after cancellation
    }
    duration = Duration.ofNanos(System.nanoTime() - startNanos);
    StepOutput committed = attempt.output();
    output = committed;
    status = StepStatus.SUCCEEDED;
    run.publish(
        new RunEvent.StepCompleted(
            run.clock().instant(),
            step.id(),
            duration,
            committed.entityCounts(),
            committed.relationships.size(),
            attempts));
  }

  private void skipped(String reason) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    duration = Duration.ofNanos(System.nanoTime() - startNanos);
    status = StepStatus.SKIPPED;
    skipReason = reason;
    run.publish(new RunEvent.StepSkipped(run.clock().instant(), step.id(), reason));
  }

  /** Ends the step as failed, timed out or, if the run is being cancelled, cancelled. */
  private void end(Throwable cause, boolean timedOut) {
    if (!finished.compareAndSet(false, true)) {
      return; // abandoned by the scheduler after cancellation
    }
    duration = Duration.ofNanos(System.nanoTime() - startNanos);
    error = cause;
    if (isCancelled()) {
      status = StepStatus.CANCELLED;
      run.publish(new RunEvent.StepCancelled(run.clock().instant(), step.id(), duration));
    } else if (timedOut) {
      status = StepStatus.TIMED_OUT;
      run.publish(
          new RunEvent.StepTimedOut(
              run.clock().instant(),
              step.id(),
              duration,
              Objects.requireNonNull(step.policy().timeout()),
              attempts));
    } else {
      status = StepStatus.FAILED;
      run.publish(
          new RunEvent.StepFailed(run.clock().instant(), step.id(), duration, cause, attempts));
    }
  }

  /** Ends the step without running it: its thread could not start, or the run was cancelled. */
  void notRun() {
    if (finished.compareAndSet(false, true)) {
      status = StepStatus.NOT_RUN;
    }
  }

  /** Ends the step as skipped without running it: a dependency did not succeed. */
  void skipWithoutRunning(String reason) {
    startNanos = System.nanoTime();
    skipped(reason);
  }

  /** Ends the step with this failure, having never run it (its thread could not start). */
  void failToStart(Throwable failure) {
    startNanos = System.nanoTime();
    attempts = 1;
    end(failure, false);
  }

  /**
   * Asks the step to stop: {@link #isCancelled()} turns true and its threads are interrupted,
   * through their tasks: a thread that already moved on to another step is left alone.
   */
  void interrupt() {
    stopRequested = true;
    StepAttempt attempt = current;
    if (attempt != null) {
      attempt.interrupt();
    }
    task.interrupt();
  }

  /**
   * Gives up on a step that did not stop within the grace period after cancellation: it is
   * recorded as cancelled, its emissions are discarded, and whatever it does later is ignored.
   */
  void abandon() {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    StepAttempt attempt = current;
    if (attempt != null) {
      attempt.giveUp();
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
          committed.relationships,
          attempts,
          null);
    }
    return new StepResult(
        step.id(), wave, status, duration, Map.of(), 0, error, List.of(), List.of(), attempts,
        skipReason);
  }
}
