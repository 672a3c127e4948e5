package dev.stepgraph.temporal;

import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.run.ConnectorRunner;
import dev.stepgraph.runtime.run.RunReport;
import dev.stepgraph.runtime.store.RunStore;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;

/**
 * Temporal's in-process test server with one worker of a graph: runs the graph through a
 * ConnectorRunner whose steps the workflow runs. Real time, no time skipping: a step whose body
 * blocks does not let the server skip past its heartbeat, and backoffs in these tests are short.
 */
final class InProcessTemporal implements AutoCloseable {
  private final TestWorkflowEnvironment env;
  private final ScheduledExecutorService heartbeats;
  private final Path state;
  private final String queue;

  InProcessTemporal(ConnectorGraph graph, Path state) {
    this(graph, state, state);
  }

  /** With a worker whose {@code --state} is {@code workerState}, the runner's {@code state}. */
  InProcessTemporal(ConnectorGraph graph, Path state, Path workerState) {
    this(graph, state, workerState, Config.of(Map.of(), Map.of()));
  }

  /** With a worker whose {@code --state} is {@code workerState} and whose config is this. */
  InProcessTemporal(ConnectorGraph graph, Path state, Path workerState, Config workerConfig) {
    this.env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    this.state = state;
    this.queue = StepWorker.taskQueue(graph.id());
    this.heartbeats =
        StepWorker.register(
            env.newWorker(queue), graph, workerConfig, workerState);
    env.start();
  }

  /** A runner of the graph on Temporal, recording in the shared store; configured further. */
  ConnectorRunner runner(ConnectorGraph graph, UnaryOperator<ConnectorRunner.Builder> more) {
    return more.apply(
            ConnectorRunner.builder(graph)
                .store(RunStore.directory(state))
                .remote(new TemporalExecution(env.getWorkflowClient(), queue)))
        .build();
  }

  RunReport run(ConnectorGraph graph) {
    return runner(graph, builder -> builder).run();
  }

  @Override
  public void close() {
    heartbeats.shutdownNow();
    env.close();
  }
}
