package dev.stepgraph.runtime.run;

import dev.stepgraph.runtime.StepContext;
import dev.stepgraph.runtime.graph.StepPolicy;

/** How one step of a run ended. */
public enum StepStatus {
  /** The step returned normally; its entities and relationships were committed. */
  SUCCEEDED,
  /**
   * The step's last attempt threw (an exception or an Error) or emitted a duplicate key; its
   * emissions were discarded.
   */
  FAILED,
  /**
   * The step's last attempt ran past its {@link StepPolicy#timeout() timeout}: it was interrupted
   * and its emissions were discarded; the run did not wait for it. A failure.
   */
  TIMED_OUT,
  /**
   * The step did not run, or stopped early, on purpose: a step it depends on did not succeed and
   * its policy says to skip ({@link StepPolicy#skipOnDependencyFailure()}), or it called {@link
   * StepContext#skip(String)}. Its emissions were discarded. Not a failure.
   */
  SKIPPED,
  /** The run was cancelled while the step was running; its emissions were discarded. */
  CANCELLED,
  /** The step never started because the run was cancelled before its turn. */
  NOT_RUN,
  /**
   * The step did not run: a resumed run reused what an earlier session of it recorded (the step
   * had succeeded, or was skipped, and its fingerprint and those of the steps it depends on are
   * unchanged). Its recorded entities and relationships count as if it had just emitted them. Not
   * a failure.
   */
  REUSED
}
