package dev.stepgraph.temporal;

import dev.stepgraph.runtime.graph.RetryPolicy;
import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.run.StepStatus;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@link GraphWorkflow}: deterministic code over the graph's description only. WAVES: every
 * step of a wave starts at once, the next wave when the wave ended. EAGER: a step starts once
 * every step it depends on ended. Before a step starts, its policy decides whether it is skipped
 * because a dependency did not succeed ({@link StepPolicy#dependencySkipReason}, the rule of a
 * local run); a failed step's activity failure is its outcome, never the workflow's.
 */
public final class GraphWorkflowImpl implements GraphWorkflow {
  /** How many times a step is run again because its worker was lost. */
  static final int WORKER_LOSSES = 3;

  private final List<Ended> events = new ArrayList<>();
  private final List<Ended> ended = new ArrayList<>();
  private final Map<String, Ended> done = new HashMap<>(); // ran or reused
  private final Map<String, StepStatus> unsuccessful = new HashMap<>();
  private boolean finished;
  private int changes;

  @Override
  public List<Ended> run(GraphInput input) {
    input.reused().forEach((id, reused) -> done(reused));
    Map<String, StepSpec> specs = new LinkedHashMap<>();
    for (StepSpec spec : input.steps()) {
      specs.put(spec.id(), spec);
    }
    if (input.eager()) {
      eager(input, specs);
    } else {
      waves(input, specs);
    }
    finished = true;
    return List.copyOf(ended);
  }

  @Override
  public Progress progress(int from) {
    int start = Math.max(0, Math.min(from, events.size()));
    return new Progress(List.copyOf(events.subList(start, events.size())), finished);
  }

  private void waves(GraphInput input, Map<String, StepSpec> specs) {
    Map<Integer, List<StepSpec>> waves = new java.util.TreeMap<>();
    for (String id : input.toRun()) {
      StepSpec spec = specs.get(id);
      waves.computeIfAbsent(spec.wave(), wave -> new ArrayList<>()).add(spec);
    }
    for (List<StepSpec> wave : waves.values()) {
      List<Promise<Void>> running = new ArrayList<>();
      for (StepSpec spec : wave) {
        List<Ended> prior = new ArrayList<>();
        for (StepSpec before : input.steps()) {
          Ended end = done.get(before.id());
          if (before.wave() < spec.wave() && end != null) {
            prior.add(end);
          }
        }
        Promise<Void> step = launch(input, spec, prior);
        if (step != null) {
          running.add(step);
        }
      }
      Promise.allOf(running).get();
    }
  }

  private void eager(GraphInput input, Map<String, StepSpec> specs) {
    Set<String> launched = new HashSet<>();
    List<Promise<Void>> running = new ArrayList<>();
    while (true) {
      for (String id : input.toRun()) {
        StepSpec spec = specs.get(id);
        if (launched.contains(id) || !done.keySet().containsAll(spec.dependsOn())) {
          continue;
        }
        launched.add(id);
        Set<String> upstream = upstream(spec, specs);
        List<Ended> prior = new ArrayList<>();
        for (StepSpec before : input.steps()) {
          if (upstream.contains(before.id())) {
            prior.add(done.get(before.id()));
          }
        }
        Promise<Void> step = launch(input, spec, prior);
        if (step != null) {
          running.add(step);
        }
      }
      if (launched.size() == input.toRun().size()) {
        break;
      }
      int seen = changes;
      Workflow.await(() -> changes != seen);
    }
    Promise.allOf(running).get();
  }

  /** The steps upstream of a step, directly or transitively. */
  private static Set<String> upstream(StepSpec spec, Map<String, StepSpec> specs) {
    Set<String> found = new HashSet<>();
    List<String> next = new ArrayList<>(spec.dependsOn());
    while (!next.isEmpty()) {
      String id = next.remove(next.size() - 1);
      if (found.add(id)) {
        next.addAll(specs.get(id).dependsOn());
      }
    }
    return found;
  }

  /** Starts a step's activity, or skips it by its policy (then returns null). */
  private @Nullable Promise<Void> launch(GraphInput input, StepSpec spec, List<Ended> prior) {
    @Nullable String skip =
        new StepPolicy(null, RetryPolicy.NONE, spec.skipOnDependencyFailure())
            .dependencySkipReason(spec.dependsOn(), unsuccessful);
    if (skip != null) {
      record(Ended.skipped(spec.id(), skip, 0));
      return null;
    }
    events.add(Ended.started(spec.id()));
    changes++;
    StepActivity activity =
        Workflow.newActivityStub(StepActivity.class, StepOptions.of(spec, input.taskQueue()));
    StepTask task =
        new StepTask(input.connectorId(), input.runId(), input.session(), spec.id(), prior);
    return attempt(activity, task, spec, 0).thenApply(end -> {
      record(end);
      return null;
    });
  }

  /**
   * Runs the step's activity, with the retries of its own policy, and once more whenever its
   * worker was lost on its last attempt: a worker that dies is not the step's failure, so even a
   * step without retries runs again, on another worker, up to {@link #WORKER_LOSSES} times.
   */
  private Promise<Ended> attempt(StepActivity activity, StepTask task, StepSpec spec, int losses) {
    Promise<Ended> result = Async.function(activity::run, task);
    return result
        .handle((end, failure) -> failure == null ? new Try(end, null) : new Try(null, failure))
        .thenCompose(tried -> {
          RuntimeException failure = tried.failure();
          if (failure == null) {
            return Workflow.newPromise(tried.end());
          }
          if (StepFailures.workerLost(failure) && losses < WORKER_LOSSES) {
            return attempt(activity, task, spec, losses + 1);
          }
          return Workflow.newPromise(StepFailures.ended(spec, failure, losses));
        });
  }

  /** An activity's result or its failure. */
  private record Try(@Nullable Ended end, @Nullable RuntimeException failure) {}

  private void record(Ended end) {
    ended.add(end);
    events.add(end);
    done(end);
  }

  private void done(Ended end) {
    done.put(end.stepId(), end);
    if (!end.status().equals(StepStatus.SUCCEEDED.name())) {
      unsuccessful.put(end.stepId(), StepStatus.valueOf(end.status()));
    }
    changes++;
  }
}
