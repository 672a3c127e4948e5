package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.run.RunEvent;
import dev.stepgraph.runtime.run.RunReport;
import dev.stepgraph.runtime.run.StepResult;
import dev.stepgraph.runtime.run.StepStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The WAVES schedule of one run: waves one after another, every step of a wave started at once,
 * and at the wave's end the emissions of its successful steps committed, in declaration order, for
 * the next wave to read. A step that the {@link ResumePlan} reuses does not run: its recorded
 * emissions are committed in its place. The run's lifecycle (start, waiting, cancelling, the end)
 * is the {@link RunScheduler}'s; {@link EagerRun} is the other schedule.
 */
final class WaveRun {
  private final ConnectorGraph graph;
  private final RunContext context;
  private final RunScheduler scheduler;

  WaveRun(ConnectorGraph graph, RunContext context, RunScheduler scheduler) {
    this.graph = graph;
    this.context = context;
    this.scheduler = scheduler;
  }

  RunReport run() {
    long start = System.nanoTime();
    boolean callerInterrupted = false;
    List<List<StepDefinition>> waves = graph.waves();
    ResumePlan plan = scheduler.start();
    List<StepResult> results = new ArrayList<>(graph.steps().size());
    PriorIndex committed = new PriorIndex(context.keys());
    UpstreamFailures upstream = new UpstreamFailures(graph);
    for (int index = 0; index < waves.size(); index++) {
      List<StepDefinition> wave = waves.get(index);
      if (scheduler.cancelled()) {
        for (StepDefinition step : wave) {
          results.add(
              new StepResult(
                  step.id(), index, StepStatus.NOT_RUN, Duration.ZERO, Map.of(), 0, null,
                  List.of(), List.of()));
        }
        continue;
      }
      PriorSnapshot prior = committed.snapshot(index);
      context.events().publish(new RunEvent.WaveStarted(context.clock().instant(), index, graph.waveStepIds(index)));
      // The steps that run; a reused step's slot stays null.
      StepRun[] slots = new StepRun[wave.size()];
      List<StepRun> executions = new ArrayList<>(wave.size());
      int toRun = 0;
      for (int i = 0; i < wave.size(); i++) {
        StepDefinition step = wave.get(i);
        if (plan.reused(step.id()) != null) {
          context.events().publish(plan.event(context.clock().instant(), step.id(), index));
          continue;
        }
        toRun++;
        RunEvent.StepRerun rerun = plan.rerun(context.clock().instant(), step.id());
        if (rerun != null) {
          context.events().publish(rerun);
        }
      }
      WaveTracker tracker = scheduler.waveTracker(toRun);
      for (int i = 0; i < wave.size(); i++) {
        StepDefinition step = wave.get(i);
        if (plan.reused(step.id()) == null) {
          slots[i] = new StepRun(step, index, context, tracker, prior, upstream.of(step));
          executions.add(slots[i]);
        }
      }
      scheduler.running(executions);
      for (int i = 0; i < wave.size(); i++) {
        StepRun execution = slots[i];
        if (execution == null) {
          continue;
        }
        String skip = DependencySkips.reason(wave.get(i), upstream.unsuccessful());
        if (skip != null) {
          execution.skipWithoutRunning(skip);
          continue;
        }
        context.launcher().submit(execution);
      }
      callerInterrupted |= scheduler.awaitWave(tracker, executions);
      for (int i = 0; i < wave.size(); i++) {
        StepRun execution = slots[i];
        StepResult result;
        if (execution == null) {
          ResumePlan.Reused reused = plan.reused(wave.get(i).id());
          committed.commit(reused.output(), index);
          result = reused.result(wave.get(i), index);
          upstream.ended(result.stepId(), reused.endedAs());
          results.add(result);
          continue;
        }
        execution.publishEnd(); // for a step whose own thread could not (out of heap, say)
        StepEmissions output = execution.output();
        if (output != null) {
          committed.commit(output, index);
        }
        result = execution.result();
        upstream.ended(result.stepId(), result.status());
        results.add(result);
      }
    }
    scheduler.running(List.of());
    return scheduler.finish(start, results, callerInterrupted);
  }
}
