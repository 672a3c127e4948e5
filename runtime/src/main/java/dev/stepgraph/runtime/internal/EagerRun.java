package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.PriorData;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.run.RunEvent;
import dev.stepgraph.runtime.run.RunReport;
import dev.stepgraph.runtime.run.StepResult;
import dev.stepgraph.runtime.run.StepStatus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A run of an {@link dev.stepgraph.Schedule#EAGER EAGER} graph: a step starts as soon as every step
 * it depends on has ended, whatever else still runs. Its prior data is what the steps upstream of
 * it (through {@code dependsOn}, transitively) committed, in wave and declaration order, and
 * nothing else, so what it sees never depends on timing. Everything else is as in a run wave by
 * wave: the launcher's parallelism, policies, skipping, cancellation, events (without waves), the
 * report in wave and declaration order. A resumed run's reused steps count as ended before any
 * step starts (every step they depend on is reused too), their events right after the run's start.
 */
final class EagerRun implements StepEnds {
  private final ConnectorGraph graph;
  private final RunContext context;
  private final RunScheduler scheduler;
  private final List<StepDefinition> steps;
  private final Map<String, Integer> index = new HashMap<>();
  private final ConcurrentLinkedQueue<StepRun> ended = new ConcurrentLinkedQueue<>();
  private final List<StepRun> started = new CopyOnWriteArrayList<>();

  EagerRun(ConnectorGraph graph, RunContext context, RunScheduler scheduler) {
    this.graph = graph;
    this.context = context;
    this.scheduler = scheduler;
    this.steps = graph.steps();
    for (int i = 0; i < steps.size(); i++) {
      index.put(steps.get(i).id(), i);
    }
  }

  @Override
  public void stepDone(StepRun step) {
    ended.add(step);
    scheduler.signal();
  }

  RunReport run() {
    long start = System.nanoTime();
    int count = steps.size();
    ResumePlan plan = scheduler.start();
    int[] waitingFor = new int[count];
    List<List<Integer>> dependents = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      dependents.add(new ArrayList<>());
    }
    for (int i = 0; i < count; i++) {
      for (String dependency : steps.get(i).dependsOn()) {
        waitingFor[i]++;
        dependents.get(index.get(dependency)).add(i);
      }
    }
    StepEmissions[] outputs = new StepEmissions[count];
    StepResult[] results = new StepResult[count];
    UpstreamFailures upstream = new UpstreamFailures(graph);
    int remaining = count;
    for (int i = 0; i < count; i++) {
      StepDefinition step = steps.get(i);
      ResumePlan.Reused reused = plan.reused(step.id());
      if (reused == null) {
        continue;
      }
      context.publish(plan.event(context.clock().instant(), step.id(), step.wave()));
      outputs[i] = reused.output();
      results[i] = reused.result(step, step.wave());
      upstream.ended(step.id(), reused.endedAs());
      remaining--;
      for (int dependent : dependents.get(i)) {
        waitingFor[dependent]--;
      }
    }
    for (String rerunning : plan.rerunning()) {
      context.publish(plan.rerun(context.clock().instant(), rerunning));
    }
    scheduler.running(started);
    for (int i = 0; i < count; i++) {
      if (waitingFor[i] == 0 && results[i] == null) {
        begin(i, outputs, upstream);
      }
    }
    boolean interrupted = false;
    while (remaining > 0 && !scheduler.cancelled()) {
      interrupted |= scheduler.await(ended::isEmpty, started);
      StepRun done;
      while ((done = ended.poll()) != null) {
        remaining--;
        int i = index.get(done.stepId());
        commit(done, i, outputs, results, upstream);
        for (int dependent : dependents.get(i)) {
          if (--waitingFor[dependent] == 0 && !scheduler.cancelled()) {
            begin(dependent, outputs, upstream);
          }
        }
      }
    }
    if (remaining > 0) { // cancelled: what started gets the grace period, the rest never starts
      interrupted |=
          scheduler.graceThenAbandon(
              () -> started.stream().anyMatch(step -> !step.isFinished()), started);
      for (StepRun step : started) {
        int i = index.get(step.stepId());
        if (results[i] == null) {
          commit(step, i, outputs, results, upstream);
        }
      }
      for (int i = 0; i < count; i++) {
        if (results[i] == null) {
          StepDefinition step = steps.get(i);
          results[i] =
              new StepResult(
                  step.id(), step.wave(), StepStatus.NOT_RUN, Duration.ZERO, Map.of(), 0, null,
                  List.of(), List.of());
        }
      }
    }
    scheduler.running(List.of());
    return scheduler.finish(start, Arrays.asList(results), interrupted);
  }

  /** Starts step {@code i}, or skips it if a step it depends on did not succeed and it says so. */
  private void begin(int i, StepEmissions[] outputs, UpstreamFailures upstream) {
    StepDefinition definition = steps.get(i);
    StepRun step =
        new StepRun(
            definition, definition.wave(), context, this, upstreamPrior(i, outputs),
            upstream.of(definition));
    started.add(step);
    String skip = DependencySkips.reason(definition, upstream.unsuccessful());
    if (skip != null) {
      step.skipWithoutRunning(skip);
    } else {
      context.launcher().submit(step);
    }
  }

  private void commit(
      StepRun step,
      int i,
      StepEmissions[] outputs,
      StepResult[] results,
      UpstreamFailures upstream) {
    step.publishEnd(); // for a step whose own thread could not (out of heap, say)
    outputs[i] = step.output();
    StepResult result = step.result();
    upstream.ended(result.stepId(), result.status());
    results[i] = result;
  }

  /** What the steps upstream of step {@code i} committed, in wave and declaration order. */
  private PriorData upstreamPrior(int i, StepEmissions[] outputs) {
    BitSet upstream = new BitSet(steps.size());
    Deque<Integer> todo = new ArrayDeque<>();
    todo.add(i);
    while (!todo.isEmpty()) {
      for (String dependency : steps.get(todo.poll()).dependsOn()) {
        int d = index.get(dependency);
        if (!upstream.get(d)) {
          upstream.set(d);
          todo.add(d);
        }
      }
    }
    PriorIndex prior = new PriorIndex(context.keys());
    for (int d = upstream.nextSetBit(0); d >= 0; d = upstream.nextSetBit(d + 1)) {
      if (outputs[d] != null) {
        prior.commit(outputs[d], steps.get(d).wave());
      }
    }
    return prior.snapshot(steps.get(i).wave());
  }
}
