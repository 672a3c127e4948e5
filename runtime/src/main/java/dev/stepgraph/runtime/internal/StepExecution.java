package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.NonRetryableException;
import dev.stepgraph.runtime.PriorData;
import dev.stepgraph.runtime.graph.RetryPolicy;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.run.RunEvent;
import dev.stepgraph.runtime.run.StepResult;
import dev.stepgraph.runtime.run.StepStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One execution of one step, under its {@link StepPolicy}: the {@link #task()} its thread runs.
 * Each attempt gets a fresh {@link StepAttempt} (its context); only the emissions of a successful
 * attempt are kept, and the scheduler commits them after the wave.
 *
 * <p>An attempt runs on the step's thread. Under a timeout, the run's {@link Watchdog} gives the
 * attempt up when it is due (discarded, interrupted, its late emissions ignored) and carries the
 * step on, to its next attempt or its end, on a new thread: the thread of a step that ignores
 * interrupts stays behind in the step method and holds up neither its wave nor the run, and a
 * step needs one thread at a time. A pooled thread is reused only once its task returned; every
 * interrupt goes through a {@link StepTask}, so it never reaches a later step on the same thread.
 *
 * <p>However the step ends (even by an {@link Error} such as running the heap out), it ends
 * exactly once: it frees its slot of the run's parallelism and tells its wave.
 */
final class StepExecution {
  private final StepDefinition step;
  private final int wave;
  private final RunExecution run;
  private final RunExecution.WaveTracker tracker;
  private final PriorData prior;

  private final StepTask task;
  private volatile @Nullable StepTask running; // the task carrying the step on now
  private volatile @Nullable StepAttempt current;
  private volatile boolean stopRequested;
  private final AtomicBoolean finished = new AtomicBoolean();
  private final AtomicBoolean released = new AtomicBoolean();
  private volatile boolean holdsSlot; // the launcher gave the step a slot of the parallelism
  private volatile long startNanos;
  private volatile boolean started;
  private volatile boolean endPublished;

  // The outcome; written once by whoever wins `finished`, read by the scheduler after the wave.
  private volatile StepStatus status = StepStatus.NOT_RUN;
  private volatile long durationNanos;
  private volatile @Nullable Throwable error;
  private volatile @Nullable StepOutput output;
  private volatile int attempts;
  private volatile @Nullable String skipReason;

  StepExecution(
      StepDefinition step,
      int wave,
      RunExecution run,
      RunExecution.WaveTracker tracker,
      PriorData prior) {
    this.step = step;
    this.wave = wave;
    this.run = run;
    this.tracker = tracker;
    this.prior = prior;
    this.task = new StepTask("stepgraph-" + step.id(), this::drive);
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

  // ---- the tasks

  private void drive(StepTask self) {
    running = self;
    if (isCancelled()) {
      notRun();
      return;
    }
    startNanos = System.nanoTime();
    started = true;
    try {
      run.publish(new RunEvent.StepStarted(run.clock().instant(), step.id(), wave));
      attemptFrom(1, self);
    } catch (Throwable unexpected) {
      lost(unexpected);
    }
  }

  /**
   * Attempts the step from attempt {@code number} on, on the calling thread, until an attempt
   * succeeds, the step is skipped or cancelled, retries run out, or an attempt times out (the
   * watchdog then carries the step on).
   */
  private void attemptFrom(int number, StepTask self) {
    StepPolicy policy = step.policy();
    Duration timeout = policy.timeout();
    for (; ; number++) {
      StepAttempt attempt = new StepAttempt(this, run);
      current = attempt;
      attempts = number;
      Watchdog.Timer timer = null;
      if (timeout != null) {
        int attemptNumber = number;
        timer = run.watchdog().schedule(timeout, () -> timedOut(attempt, attemptNumber));
      }
      attempt.runBody(step.body(), self);
      if (!attempt.claimReturn()) {
        return; // timed out meanwhile: the watchdog carries the step on; this thread is done
      }
      if (timer != null) {
        timer.cancel();
      }
      Thread.interrupted(); // a cancel that came late must not disturb the bookkeeping below
      StepAttempt.Outcome outcome = attempt.close();
      Throwable failure = outcome.failure();
      String skip = outcome.skipReason();
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
      if (!retryAfter(failure, number, false)) {
        return;
      }
    }
  }

  /**
   * After attempt {@code number} failed: ends the step if it must not retry, else waits out the
   * backoff. Whether to go on with the next attempt.
   */
  private boolean retryAfter(Throwable failure, int number, boolean timedOut) {
    RetryPolicy retry = step.policy().retry();
    if (isCancelled() || failure instanceof NonRetryableException || number >= retry.attempts()) {
      end(failure, timedOut);
      return false;
    }
    Duration delay = retry.delayAfter(number, run.jitter());
    run.publish(
        new RunEvent.StepRetrying(
            run.clock().instant(), step.id(), number + 1, retry.attempts(), delay, failure));
    try {
      run.sleeper().sleep(delay);
    } catch (InterruptedException e) {
      end(failure, false);
      return false;
    }
    if (isCancelled()) {
      end(failure, false);
      return false;
    }
    return true;
  }

  /**
   * On the watchdog's thread: attempt {@code number} ran past its timeout. Gives it up and carries
   * the step on, on a thread of its own, to its next attempt or its end.
   */
  private void timedOut(StepAttempt attempt, int number) {
    if (!attempt.claimTimeout()) {
      return; // the step method returned in time
    }
    try {
      attempt.giveUp();
      Throwable failure =
          new TimeoutException(
              "timed out after " + StepPolicy.formatDuration(Objects.requireNonNull(step.policy().timeout())));
      StepTask next =
          new StepTask(
              task.name(),
              self -> {
                running = self;
                try {
                  if (retryAfter(failure, number, true)) {
                    attemptFrom(number + 1, self);
                  }
                } catch (Throwable unexpected) {
                  lost(unexpected);
                }
              });
      running = next;
      if (stopRequested) {
        next.interrupt(); // the run is being cancelled: no backoff to wait out
      }
      try {
        run.threads().start(next);
      } catch (Throwable cannotStart) {
        end(failure, true);
      }
    } catch (Throwable unexpected) {
      lost(unexpected);
    }
  }

  /** The step's thread ended with an unexpected throwable: the step fails with it. */
  private void lost(Throwable unexpected) {
    StepAttempt attempt = current;
    try {
      if (attempt != null) {
        attempt.discard(); // first, to free what it held (it may have run the heap out)
      }
    } catch (Throwable ignored) {
      // nothing more can be done for the attempt; the outcome below matters more
    }
    end(unexpected, false);
  }

  private void succeed(StepAttempt attempt) {
    if (!finished.compareAndSet(false, true)) {
      attempt.discard();
      return; // abandoned by the scheduler after cancellation
    }
    try {
      StepOutput committed;
      try {
        committed = attempt.output();
      } catch (Throwable cannotFreeze) { // out of heap while grouping what it emitted
        attempt.discard();
        error = cannotFreeze;
        durationNanos = System.nanoTime() - startNanos;
        status = StepStatus.FAILED;
        publishEnd();
        return;
      }
      output = committed;
      durationNanos = System.nanoTime() - startNanos;
      status = StepStatus.SUCCEEDED;
      publishEnd();
    } finally {
      release();
    }
  }

  private void skipped(String reason) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    try {
      durationNanos = System.nanoTime() - startNanos;
      skipReason = reason;
      status = StepStatus.SKIPPED;
      publishEnd();
    } finally {
      release();
    }
  }

  /** Ends the step as failed, timed out or, if the run is being cancelled, cancelled. */
  private void end(Throwable cause, boolean timedOut) {
    if (!finished.compareAndSet(false, true)) {
      return; // abandoned by the scheduler after cancellation
    }
    try {
      // The outcome first, allocating nothing: out of heap, it is recorded all the same.
      error = cause;
      durationNanos = System.nanoTime() - startNanos;
      status =
          isCancelled()
              ? StepStatus.CANCELLED
              : timedOut ? StepStatus.TIMED_OUT : StepStatus.FAILED;
      publishEnd();
    } finally {
      release();
    }
  }

  /**
   * Publishes the event of the step's outcome, once; the scheduler calls it again after the wave
   * for a step whose own thread could not (out of heap, say).
   */
  void publishEnd() {
    if (endPublished || status == StepStatus.NOT_RUN) {
      return;
    }
    Duration duration = Duration.ofNanos(durationNanos);
    RunEvent event;
    switch (status) {
      case SUCCEEDED -> {
        StepOutput committed = Objects.requireNonNull(output);
        event =
            new RunEvent.StepCompleted(
                run.clock().instant(),
                step.id(),
                duration,
                committed.entityCounts(),
                committed.relationships.size(),
                attempts);
      }
      case SKIPPED ->
          event =
              new RunEvent.StepSkipped(
                  run.clock().instant(), step.id(), Objects.requireNonNull(skipReason));
      case CANCELLED -> event = new RunEvent.StepCancelled(run.clock().instant(), step.id(), duration);
      case TIMED_OUT ->
          event =
              new RunEvent.StepTimedOut(
                  run.clock().instant(),
                  step.id(),
                  duration,
                  Objects.requireNonNull(step.policy().timeout()),
                  attempts);
      default ->
          event =
              new RunEvent.StepFailed(
                  run.clock().instant(), step.id(), duration, Objects.requireNonNull(error), attempts);
    }
    run.publish(event);
    endPublished = true;
  }

  /** Frees the step's slot of the parallelism and tells its wave, exactly once. */
  private void release() {
    if (released.compareAndSet(false, true)) {
      try {
        if (holdsSlot) {
          run.launcher().release();
        }
      } finally {
        tracker.stepDone();
      }
    }
  }

  /** The launcher gave the step a slot of the run's parallelism, freed when it ends. */
  void tookSlot() {
    holdsSlot = true;
  }

  /** Ends the step without running it: the run was cancelled before it started. */
  void notRun() {
    if (finished.compareAndSet(false, true)) {
      status = StepStatus.NOT_RUN;
      release();
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
   * The scheduler found the step's thread gone without an outcome (an error that even the step's
   * own handling could not survive): the step fails with what its thread threw.
   */
  void lostThread() {
    if (finished.get()) {
      return;
    }
    StepTask carrier = running;
    Throwable escaped = carrier == null ? null : carrier.escaped();
    end(
        escaped != null
            ? escaped
            : new IllegalStateException("step '" + step.id() + "': its thread ended without an outcome"),
        false);
  }

  /**
   * Whether the thread carrying the step on is gone, by a throwable that escaped even the step's
   * own handling, while the step has no outcome.
   */
  boolean threadLost() {
    StepTask carrier = running;
    return !finished.get() && carrier != null && carrier.isDone() && carrier.escaped() != null;
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
    StepTask carrier = running;
    if (carrier != null) {
      carrier.interrupt();
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
    try {
      StepAttempt attempt = current;
      if (attempt != null) {
        attempt.giveUp();
      }
      if (started) {
        durationNanos = System.nanoTime() - startNanos;
        error = new CancellationException("step '" + step.id() + "' did not stop when cancelled");
        status = StepStatus.CANCELLED;
        publishEnd();
      } else {
        status = StepStatus.NOT_RUN;
      }
    } finally {
      release();
    }
  }

  boolean isFinished() {
    return finished.get();
  }

  @Nullable StepOutput output() {
    return status == StepStatus.SUCCEEDED ? output : null;
  }

  StepResult result() {
    StepOutput committed = output;
    Duration duration = Duration.ofNanos(durationNanos);
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
