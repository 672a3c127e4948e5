package dev.stepgraph.temporal;

import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A worker of one connector: polls its task queue for the steps of the connector's runs (the
 * {@link GraphWorkflow} itself runs in the client, {@link TemporalExecution}), and runs each step
 * through the connector's graph, with the run store at
 * {@code store} (the store the clients record their runs in, on storage both share).
 *
 * <pre>{@code
 * try (StepWorker worker = StepWorker.start(client, StepWorker.taskQueue(graph.id()), graph,
 *     config, Path.of("/shared/stepgraph"))) {
 *   worker.awaitTermination();
 * }
 * }</pre>
 */
public final class StepWorker implements AutoCloseable {
  private final WorkerFactory factory;
  private final ScheduledExecutorService heartbeats;

  private StepWorker(WorkerFactory factory, ScheduledExecutorService heartbeats) {
    this.factory = factory;
    this.heartbeats = heartbeats;
  }

  /** The task queue of a connector's runs unless one is given: {@code stepgraph-CONNECTOR}. */
  public static String taskQueue(String connectorId) {
    return "stepgraph-" + connectorId;
  }

  /** Registers the connector's step activity on {@code taskQueue} and starts polling. */
  public static StepWorker start(
      WorkflowClient client, String taskQueue, ConnectorGraph graph, Config config, Path store) {
    Objects.requireNonNull(graph, "graph");
    WorkerFactory factory = WorkerFactory.newInstance(client);
    ScheduledExecutorService heartbeats = register(factory.newWorker(taskQueue), graph, config, store);
    factory.start();
    return new StepWorker(factory, heartbeats);
  }

  /**
   * Registers the step activity on a worker; returns the heartbeat thread's
   * executor, for the caller to shut down.
   */
  static ScheduledExecutorService register(
      Worker worker, ConnectorGraph graph, Config config, Path store) {
    ScheduledExecutorService heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "stepgraph-" + graph.id() + "-heartbeats");
              thread.setDaemon(true);
              return thread;
            });
    worker.registerActivitiesImplementations(
        new StepActivityImpl(graph, config, store.toAbsolutePath().normalize(), heartbeats));
    return heartbeats;
  }

  /** Blocks until the worker is shut down ({@link #close()}, from another thread). */
  public void awaitTermination() throws InterruptedException {
    while (!factory.isTerminated()) {
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while the worker polls");
      }
      factory.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  /** Stops polling at once; running steps are given up (the engine retries them elsewhere). */
  @Override
  public void close() {
    factory.shutdownNow();
    heartbeats.shutdownNow();
  }
}
