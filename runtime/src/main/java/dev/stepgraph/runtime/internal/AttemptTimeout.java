package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.NonRetryableException;
import dev.stepgraph.runtime.graph.RetryPolicy;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.run.RunEvent;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * The timeout of a step's attempts: on the run's {@link Watchdog} thread, an attempt past its
 * timeout is given up (discarded, interrupted, its late emissions ignored) and the step is carried
 * on, to its next attempt or its end, on a new thread; the thread left in the step method holds up
 * nothing.
 */
final class AttemptTimeout {
  private final StepRun owner;
  private final StepDefinition definition;
  private final RunContext run;
  private final RetryLoop attempts;

  AttemptTimeout(StepRun owner, StepDefinition definition, RunContext run, RetryLoop attempts) {
    this.owner = owner;
    this.definition = definition;
    this.run = run;
    this.attempts = attempts;
  }

  /**
   * On the watchdog's thread: attempt {@code number} ran past its timeout. Gives it up and carries
   * the step on, on a thread of its own, to its next attempt or its end.
   */
  void timedOut(AttemptContext attempt, int number) {
    if (!attempt.claimTimeout()) {
      return; // the step method returned in time
    }
    try {
      attempt.giveUp();
      Duration timeout = Objects.requireNonNull(definition.policy().timeout());
      Throwable failure =
          new TimeoutException("timed out after " + StepPolicy.formatDuration(timeout));
      InterruptibleTask next =
          new InterruptibleTask(
              owner.task().name(),
              self -> {
                owner.carriedBy(self);
                try {
                  if (attempts.retryAfter(failure, number, true)) {
                    attempts.attemptFrom(number + 1, self);
                  }
                } catch (Throwable unexpected) {
                  owner.lost(unexpected);
                }
              });
      owner.carriedBy(next);
      if (owner.stopRequested()) {
        next.interrupt(); // the run is being cancelled: no backoff to wait out
      }
      try {
        run.threads().start(next);
      } catch (Throwable cannotStart) {
        owner.end(failure, true);
      }
    } catch (Throwable unexpected) {
      owner.lost(unexpected);
    }
  }

}
