package dev.stepgraph.runtime;

/** How one step of a run ended. */
public enum StepStatus {
  /** The step returned normally; its entities and relationships were committed. */
  SUCCEEDED,
  /** The step threw (an exception or an Error) or emitted a duplicate key; its emissions were discarded. */
  FAILED,
  /** Reserved for a later feature (skipping steps whose inputs failed); not produced yet. */
  SKIPPED,
  /** The run was cancelled while the step was running; its emissions were discarded. */
  CANCELLED,
  /** The step never started because the run was cancelled before its turn. */
  NOT_RUN
}
