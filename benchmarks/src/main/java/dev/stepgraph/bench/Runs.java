package dev.stepgraph.bench;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.run.ConnectorRunner;
import dev.stepgraph.runtime.run.RunListener;
import dev.stepgraph.runtime.run.RunReport;
import dev.stepgraph.runtime.run.StepStatus;
import java.util.concurrent.Executor;

/** The one place the benchmarks call the runtime's embedding API. */
public final class Runs {
  /** Events go nowhere: the benchmarks measure the scheduler, not a listener. */
  public static final RunListener NO_OP_LISTENER = event -> {};

  private Runs() {}

  /** Runs the whole graph with the runtime's defaults and a no-op listener. */
  public static RunReport run(ConnectorGraph graph) {
    return ConnectorRunner.builder(graph).listener(NO_OP_LISTENER).build().run();
  }

  /** The same, with the steps on {@code executor}'s threads, which outlive the run. */
  public static RunReport run(ConnectorGraph graph, Executor executor) {
    return ConnectorRunner.builder(graph).listener(NO_OP_LISTENER).executor(executor).build().run();
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
