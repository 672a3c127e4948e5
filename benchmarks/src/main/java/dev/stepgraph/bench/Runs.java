package dev.stepgraph.bench;

import dev.stepgraph.runtime.ConnectorGraph;
import dev.stepgraph.runtime.ConnectorRunner;
import dev.stepgraph.runtime.RunListener;
import dev.stepgraph.runtime.RunReport;
import dev.stepgraph.runtime.StepStatus;

/** The one place the benchmarks call the runtime's embedding API. */
public final class Runs {
  /** Events go nowhere: the benchmarks measure the scheduler, not a listener. */
  public static final RunListener NO_OP_LISTENER = event -> {};

  private Runs() {}

  /** Runs the whole graph with the runtime's defaults and a no-op listener. */
  public static RunReport run(ConnectorGraph graph) {
    return ConnectorRunner.builder(graph).listener(NO_OP_LISTENER).build().run();
  }

  /** Fails unless every step of the run succeeded. */
  public static RunReport check(RunReport report, int expectedSteps) {
    if (!report.succeeded() || report.steps().size() != expectedSteps) {
      throw new IllegalStateException("run did not succeed: " + report.steps().size() + " steps, "
          + report.count(StepStatus.SUCCEEDED) + " succeeded, cancelled " + report.cancelled());
    }
    return report;
  }
}
