package dev.stepgraph.testing;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.run.RunReport;
import dev.stepgraph.runtime.run.StepResult;
import java.util.ArrayList;
import java.util.List;

/** A tester run of a whole graph: a result per step, and everything the run committed. */
public final class ConnectorTestResult {
  private final TesterRun.Collected run;

  ConnectorTestResult(TesterRun.Collected run) {
    this.run = run;
  }

  /** Whether every step succeeded or was skipped on purpose. */
  public boolean succeeded() {
    return run.report().succeeded();
  }

  /**
   * The result of one step.
   *
   * @throws IllegalArgumentException for a step the graph does not have
   */
  public StepTestResult step(String stepId) {
    if (run.report().step(stepId).isEmpty()) {
      throw new IllegalArgumentException("the run has no step '" + stepId + "' (steps: "
          + String.join(", ", run.report().steps().stream().map(StepResult::stepId).toList()) + ")");
    }
    return run.result(stepId);
  }

  /** The result of every step, in graph order. */
  public List<StepTestResult> steps() {
    List<StepTestResult> steps = new ArrayList<>();
    for (StepResult step : run.report().steps()) {
      steps.add(run.result(step.stepId()));
    }
    return List.copyOf(steps);
  }

  /** Every entity the run committed, as the run's output holds them. */
  public List<Entity> entities() {
    return run.report().entities();
  }

  /** The committed entities of one type. */
  public List<Entity> entities(String type) {
    return entities().stream().filter(entity -> entity.type().equals(type)).toList();
  }

  /** Every relationship the run committed. */
  public List<Relationship> relationships() {
    return run.report().relationships();
  }

  /** The committed relationships of one type. */
  public List<Relationship> relationships(String type) {
    return relationships().stream().filter(r -> r.type().equals(type)).toList();
  }

  /** The runtime's own report of the run. */
  public RunReport report() {
    return run.report();
  }

  /** One result per step, for assertion messages. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("run of ").append(run.report().connectorId()).append(": ");
    out.append(succeeded() ? "succeeded" : "did not succeed");
    for (StepTestResult step : steps()) {
      out.append("\n").append(step.toString().indent(2).stripTrailing());
    }
    return out.toString();
  }
}
