package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.run.RunEvent;
import dev.stepgraph.runtime.run.RunListener;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which steps are running, from the run's events: what a shutdown tells about. */
final class RunningSteps implements RunListener {
  private final Set<String> running = new LinkedHashSet<>(); // guarded by this

  @Override
  public synchronized void onEvent(RunEvent event) {
    if (event instanceof RunEvent.StepStarted e) {
      running.add(e.stepId());
    } else if (event instanceof RunEvent.StepCompleted e) {
      running.remove(e.stepId());
    } else if (event instanceof RunEvent.StepFailed e) {
      running.remove(e.stepId());
    } else if (event instanceof RunEvent.StepTimedOut e) {
      running.remove(e.stepId());
    } else if (event instanceof RunEvent.StepSkipped e) {
      running.remove(e.stepId());
    } else if (event instanceof RunEvent.StepCancelled e) {
      running.remove(e.stepId());
    }
  }

  /** The running steps, in the order they started. */
  synchronized List<String> now() {
    return new ArrayList<>(running);
  }

  @Override
  public String toString() {
    return "running steps";
  }
}
