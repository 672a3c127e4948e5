package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.graph.RetryPolicy;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.run.RunEvent;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * The attempts of one step under its {@link RetryPolicy}: each attempt in a fresh {@link
 * AttemptContext}, the backoff between them, and the end the step comes to ({@link StepRun} records
 * it). Under a timeout each attempt is watched by an {@link AttemptTimeout}.
 */
final class RetryLoop {
  private final StepRun owner;
  private final StepDefinition definition;
  private final RunContext run;
  private final AttemptTimeout timeouts;

  RetryLoop(StepRun owner, StepDefinition definition, RunContext run) {
    this.owner = owner;
    this.definition = definition;
    this.run = run;
    this.timeouts = new AttemptTimeout(owner, definition, run, this);
  }

  /**
   * Attempts the step from attempt {@code number} on, on the calling thread, until an attempt
   * succeeds, the step is skipped or cancelled, retries run out, or an attempt times out (the
   * watchdog then carries the step on).
   */
  void attemptFrom(int number, InterruptibleTask self) {
    StepPolicy policy = definition.policy();
    Duration timeout = policy.timeout();
    for (; ; number++) {
      AttemptContext attempt = new AttemptContext(owner, run);
      owner.beginAttempt(attempt, number);
      Watchdog.Timer timer = null;
      if (timeout != null) {
        int attemptNumber = number;
        timer = run.watchdog().schedule(timeout, () -> timeouts.timedOut(attempt, attemptNumber));
      }
      attempt.runBody(definition.body(), self);
      if (!attempt.claimReturn()) {
        return; // timed out meanwhile: the watchdog carries the step on; this thread is done
      }
      if (timer != null) {
        timer.cancel();
      }
      Thread.interrupted(); // a cancel that came late must not disturb the bookkeeping below
      AttemptContext.Ending outcome = attempt.close();
      Throwable failure = outcome.failure();
      String skip = outcome.skipReason();
      if (skip != null) {
        attempt.discard();
        owner.skipped(skip);
        return;
      }
      if (failure == null) {
        owner.succeed(attempt);
        return;
      }
      attempt.discard();
      if (!outcome.retryable()) {
        owner.end(failure, false); // a duplicate key is emitted again by the next attempt
        return;
      }
      if (!retryAfter(failure, number, false)) {
        return;
      }
    }
  }

  /**
   * After attempt {@code number} failed: ends the step if it must not retry (cancelled, attempts
   * used up, or a failure its policy does not {@link RetryPolicy#retriesOn retry on}), else waits
   * out the backoff. Whether to go on with the next attempt.
   */
  boolean retryAfter(Throwable failure, int number, boolean timedOut) {
    RetryPolicy retry = definition.policy().retry();
    if (owner.isCancelled() || number >= retry.attempts() || !retry.retriesOn(failure)) {
      owner.end(failure, timedOut);
      return false;
    }
    Duration delay = retry.delayAfter(number, run.jitter());
    run.publish(
        new RunEvent.StepRetrying(
            run.clock().instant(), definition.id(), number + 1, retry.attempts(), delay, failure,
            run.locations().find(failure)));
    try {
      run.sleeper().sleep(delay);
    } catch (InterruptedException e) {
      owner.end(failure, false);
      return false;
    }
    if (owner.isCancelled()) {
      owner.end(failure, false);
      return false;
    }
    return true;
  }

}
