package dev.stepgraph.temporal;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * One step of a run, on a worker: runs the step's body through the connector's generated graph
 * against its prior data, read by reference from the run store, and writes what it emitted there.
 * Returns a succeeded or skipped step; a failed attempt throws an {@code ApplicationFailure} of
 * the error's class, non-retryable when the step's retry policy does not retry it.
 */
@ActivityInterface
public interface StepActivity {
  /** The activity type's name. */
  String TYPE = "StepgraphStep";

  @ActivityMethod(name = TYPE)
  Ended run(StepTask task);
}
