package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.PriorData;
import dev.stepgraph.runtime.graph.DataContract;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.run.RunEvent;
import dev.stepgraph.runtime.run.StepResult;
import dev.stepgraph.runtime.run.StepStatus;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One step of a run, from its start to its one outcome: the {@link #task()} its thread runs, the
 * {@link RetryLoop} of its attempts (each attempt under its {@link AttemptTimeout}), and the {@link
 * StepOutcome} it ends with. Only the emissions of a successful attempt are kept; the scheduler
 * commits them after the wave. Every interrupt goes through an {@link InterruptibleTask}, so it
 * never reaches a later step on the same pooled thread.
 *
 * <p>However the step ends (even by an {@link Error} such as running the heap out), it ends
 * exactly once: it frees its slot of the run's parallelism and tells its wave.
 */
final class StepRun {
  private final StepDefinition step;
  private final int wave;
  private final RunContext run;
  private final StepEnds tracker;
  private final PriorData prior;

  private final InterruptibleTask task;
  private volatile @Nullable InterruptibleTask running; // the task carrying the step on now
  private volatile @Nullable AttemptContext current;
  private volatile boolean stopRequested;
  private final AtomicBoolean finished = new AtomicBoolean();
  private final AtomicBoolean released = new AtomicBoolean();
  private volatile boolean holdsSlot; // the launcher gave the step a slot of the parallelism
  private volatile long startNanos;
  private volatile boolean started;

  // Written once by whoever wins `finished`, read by the scheduler after the wave.
  private final StepOutcome outcome;
  private final RetryLoop attempts;
  private final Set<String> failedDependencies;

  /**
   * @param failedDependencies the steps upstream of this one, directly or transitively, that did
   *     not succeed ({@link UpstreamFailures})
   */
  StepRun(
      StepDefinition step,
      int wave,
      RunContext run,
      StepEnds tracker,
      PriorData prior,
      Set<String> failedDependencies) {
    this.step = step;
    this.wave = wave;
    this.run = run;
    this.tracker = tracker;
    this.failedDependencies = failedDependencies;
    this.outcome = new StepOutcome(failedDependencies);
    this.prior = ContractPriorData.forStep(step, prior);
    this.task = new InterruptibleTask("stepgraph-" + step.id(), new Drive());
    this.attempts = new RetryLoop(this, step, run);
  }

  /** What the step's thread runs: the whole step, attempts and backoff included. */
  InterruptibleTask task() {
    return task;
  }

  String stepId() {
    return step.id();
  }

  /** The steps upstream that did not succeed: what its context's {@code failedDependencies()} says. */
  Set<String> failedDependencies() {
    return failedDependencies;
  }

  DataContract contract() {
    return step.contract();
  }

  PriorData prior() {
    return prior;
  }

  /** Attempt {@code number} starts: it is the step's current one. */
  void beginAttempt(AttemptContext attempt, int number) {
    current = attempt;
    outcome.attempts = number;
  }

  /** The step goes on on this task's thread (after a timeout, a thread of its own). */
  void carriedBy(InterruptibleTask carrier) {
    running = carrier;
  }

  /** Whether the step itself was asked to stop (the run is being cancelled). */
  boolean stopRequested() {
    return stopRequested;
  }

  /** Whether the run was cancelled or this step was asked to stop. */
  boolean isCancelled() {
    return stopRequested || run.isCancelled();
  }

  /** The body of the step's task (a class: {@link RunScheduler} says why). */
  private final class Drive implements Consumer<InterruptibleTask> {
    @Override
    public void accept(InterruptibleTask self) {
      drive(self);
    }
  }

  private void drive(InterruptibleTask self) {
    running = self;
    if (isCancelled()) {
      notRun();
      return;
    }
    startNanos = System.nanoTime();
    started = true;
    try {
      run.publish(new RunEvent.StepStarted(run.clock().instant(), step.id(), wave));
      attempts.attemptFrom(1, self);
    } catch (Throwable unexpected) {
      lost(unexpected);
    }
  }

  /** The step's thread ended with an unexpected throwable: the step fails with it. */
  void lost(Throwable unexpected) {
    AttemptContext attempt = current;
    try {
      if (attempt != null) {
        attempt.discard(); // first, to free what it held (it may have run the heap out)
      }
    } catch (Throwable ignored) {
      // nothing more can be done for the attempt; the outcome below matters more
    }
    end(unexpected, false);
  }

  void succeed(AttemptContext attempt) {
    if (!finished.compareAndSet(false, true)) {
      attempt.discard();
      return; // abandoned by the scheduler after cancellation
    }
    try {
      outcome.durationNanos = System.nanoTime() - startNanos;
      try {
        outcome.output = attempt.output();
        outcome.status = StepStatus.SUCCEEDED;
      } catch (Throwable cannotFreeze) { // out of heap while grouping what it emitted
        attempt.discard();
        outcome.error = cannotFreeze;
        outcome.status = StepStatus.FAILED;
      }
      publishEnd();
    } finally {
      release();
    }
  }

  void skipped(String reason) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    try {
      outcome.durationNanos = System.nanoTime() - startNanos;
      outcome.skipReason = reason;
      outcome.status = StepStatus.SKIPPED;
      publishEnd();
    } finally {
      release();
    }
  }

  /** Ends the step as failed, timed out or, if the run is being cancelled, cancelled. */
  void end(Throwable cause, boolean timedOut) {
    if (!finished.compareAndSet(false, true)) {
      return; // abandoned by the scheduler after cancellation
    }
    try {
      // The outcome first, allocating nothing: out of heap, it is recorded all the same.
      outcome.error = cause;
      outcome.durationNanos = System.nanoTime() - startNanos;
      boolean cancelled = isCancelled();
      outcome.status =
          cancelled ? StepStatus.CANCELLED : timedOut ? StepStatus.TIMED_OUT : StepStatus.FAILED;
      publishEnd();
    } finally {
      release();
    }
  }

  /** Publishes the outcome's event once; again by the scheduler if the step's thread could not. */
  void publishEnd() {
    outcome.publishEnd(run, step);
  }

  /** Hands the outcome to the run store, frees the step's slot and tells its wave, exactly once. */
  private void release() {
    if (released.compareAndSet(false, true)) {
      try {
        if (holdsSlot) {
          run.launcher().release();
        }
      } finally {
        try {
          run.recorder().ended(step, outcome); // before the wave hears of it: the run's end waits
        } finally {
          tracker.stepDone(this);
        }
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
      outcome.status = StepStatus.NOT_RUN;
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
    outcome.attempts = 1;
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
    InterruptibleTask carrier = running;
    Throwable escaped = carrier == null ? null : carrier.escaped();
    Throwable why = escaped != null ? escaped : new IllegalStateException("its thread ended");
    end(why, false);
  }

  /**
   * Whether the thread carrying the step on is gone, by a throwable that escaped even the step's
   * own handling, while the step has no outcome.
   */
  boolean threadLost() {
    InterruptibleTask carrier = running;
    return !finished.get() && carrier != null && carrier.isDone() && carrier.escaped() != null;
  }

  /**
   * Asks the step to stop: {@link #isCancelled()} turns true and its threads are interrupted,
   * through their tasks: a thread that already moved on to another step is left alone.
   */
  void interrupt() {
    stopRequested = true;
    AttemptContext attempt = current;
    if (attempt != null) {
      attempt.interrupt();
    }
    InterruptibleTask carrier = running;
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
      AttemptContext attempt = current;
      if (attempt != null) {
        attempt.giveUp();
      }
      if (started) {
        outcome.durationNanos = System.nanoTime() - startNanos;
        outcome.error =
            new CancellationException("step '" + step.id() + "' did not stop when cancelled");
        outcome.status = StepStatus.CANCELLED;
        publishEnd();
      } else {
        outcome.status = StepStatus.NOT_RUN;
      }
    } finally {
      release();
    }
  }

  boolean isFinished() {
    return finished.get();
  }

  @Nullable StepEmissions output() {
    return outcome.committed();
  }

  StepResult result() {
    return outcome.result(run, step, wave);
  }
}
