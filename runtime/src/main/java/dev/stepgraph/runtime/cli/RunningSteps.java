package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.internal.InlineListener;
import dev.stepgraph.runtime.run.RunEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which steps are running, from the run's events: what a shutdown tells about. It takes the
 * events on the threads that publish them ({@link InlineListener}), so a step's start and end may
 * come from two threads in either order: each step counts its starts less its ends, and runs while
 * that is above zero.
 */
final class RunningSteps implements InlineListener {
  // By step id, in the order they started: starts less ends. Guarded by this.
  private final Map<String, Integer> running = new LinkedHashMap<>();

  @Override
  public void onEvent(RunEvent event) {
    if (event instanceof RunEvent.StepStarted e) {
      count(e.stepId(), 1);
    } else if (event instanceof RunEvent.StepCompleted e) {
      count(e.stepId(), -1);
    } else if (event instanceof RunEvent.StepFailed e) {
      count(e.stepId(), -1);
    } else if (event instanceof RunEvent.StepTimedOut e) {
      count(e.stepId(), -1);
    } else if (event instanceof RunEvent.StepSkipped e) {
      count(e.stepId(), -1);
    } else if (event instanceof RunEvent.StepCancelled e) {
      count(e.stepId(), -1);
    }
  }

  private synchronized void count(String stepId, int change) {
    Integer before = running.get(stepId);
    int now = (before == null ? 0 : before) + change;
    if (now == 0) {
      running.remove(stepId);
    } else {
      running.put(stepId, now);
    }
  }

  /** The running steps, in the order they started. */
  synchronized List<String> now() {
    List<String> now = new ArrayList<>(running.size());
    for (Map.Entry<String, Integer> step : running.entrySet()) {
      if (step.getValue() > 0) {
        now.add(step.getKey());
      }
    }
    return now;
  }

  @Override
  public String toString() {
    return "running steps";
  }
}
