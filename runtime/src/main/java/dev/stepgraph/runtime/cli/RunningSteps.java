package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.internal.InlineListener;
import dev.stepgraph.runtime.run.RunEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which steps are running, and on which threads, from the run's events: what a shutdown tells
 * about. It takes the events on the threads that publish them ({@link InlineListener}): a step's
 * start, and each retry, on the thread that runs its attempt, which it keeps, so that a step that
 * calls {@code System.exit} can be found from its threads' stacks, virtual threads too (which
 * {@link Thread#getAllStackTraces()} leaves out). A step's start and end may come from two threads
 * in either order: each step counts its starts less its ends, and runs while that is above zero.
 */
final class RunningSteps implements InlineListener {
  /** A step's starts less its ends, and the threads its attempts ran on. */
  private static final class Step {
    int count;
    final List<Thread> threads = new ArrayList<>(1);
  }

  // By step id, in the order they started. Guarded by this.
  private final Map<String, Step> running = new LinkedHashMap<>();

  @Override
  public void onEvent(RunEvent event) {
    if (event instanceof RunEvent.StepStarted e) {
      count(e.stepId(), 1, Thread.currentThread());
    } else if (event instanceof RunEvent.StepRetrying e) {
      count(e.stepId(), 0, Thread.currentThread());
    } else if (event instanceof RunEvent.StepCompleted e) {
      count(e.stepId(), -1, null);
    } else if (event instanceof RunEvent.StepFailed e) {
      count(e.stepId(), -1, null);
    } else if (event instanceof RunEvent.StepTimedOut e) {
      count(e.stepId(), -1, null);
    } else if (event instanceof RunEvent.StepSkipped e) {
      count(e.stepId(), -1, null);
    } else if (event instanceof RunEvent.StepCancelled e) {
      count(e.stepId(), -1, null);
    }
  }

  private synchronized void count(String stepId, int change, @Nullable Thread on) {
    Step step = running.get(stepId);
    if (step == null) {
      step = new Step();
      running.put(stepId, step);
    }
    step.count += change;
    if (on != null && !step.threads.contains(on)) {
      step.threads.add(on);
    }
    if (step.count == 0) {
      running.remove(stepId);
    }
  }

  /** The running steps, in the order they started. */
  synchronized List<String> now() {
    List<String> now = new ArrayList<>(running.size());
    for (Map.Entry<String, Step> step : running.entrySet()) {
      if (step.getValue().count > 0) {
        now.add(step.getKey());
      }
    }
    return now;
  }

  /** The threads the attempts of each running step ran on, by step id, in the order they started. */
  synchronized Map<String, List<Thread>> threads() {
    Map<String, List<Thread>> threads = new LinkedHashMap<>();
    for (Map.Entry<String, Step> step : running.entrySet()) {
      if (step.getValue().count > 0) {
        threads.put(step.getKey(), List.copyOf(step.getValue().threads));
      }
    }
    return threads;
  }

  @Override
  public String toString() {
    return "running steps";
  }
}
