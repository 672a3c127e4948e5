package dev.stepgraph.bench;

import dev.stepgraph.Schedule;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.run.ConnectorRunner;
import dev.stepgraph.runtime.run.RunReport;
import dev.stepgraph.runtime.store.RunStore;
import dev.stepgraph.temporal.LoopbackTestServer;
import dev.stepgraph.temporal.StepWorker;
import dev.stepgraph.temporal.TemporalExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A connector's graph on Temporal against the same graph run locally, both recording in a
 * directory store: 100 no-op steps (10 waves of 10), for the cost per step, and the 200 IO-bound
 * steps of {@link MakespanBenchmark} under both schedules, against their ideals. The service is
 * the SDK's in-memory test server on loopback ({@link LoopbackTestServer}); two workers, each with
 * its own connection to it, in this JVM. Not JMH: a run on Temporal takes seconds, and what is
 * measured is wall time of whole runs, medians of {@code REPS} after {@code WARMUP}.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.stepgraph.bench.TemporalBench [REPS]</pre>
 */
public final class TemporalBench {
  private static final int WARMUP = 2;

  private TemporalBench() {}

  public static void main(String[] args) throws Exception {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path state = Files.createTempDirectory("stepgraph-temporal-bench");
    System.out.println("load before: " + load());
    try (LoopbackTestServer server = LoopbackTestServer.start(0)) {
      String target = "127.0.0.1:" + server.port();
      ConnectorGraph noop = noop();
      measure("100 no-op steps, 10 waves", noop, target, state, reps, -1);
      for (Schedule schedule : List.of(Schedule.EAGER, Schedule.WAVES)) {
        Map<String, Long> sleeps = new HashMap<>();
        ConnectorGraph graph = MakespanBenchmark.graph(schedule, sleeps);
        long ideal =
            schedule == Schedule.EAGER
                ? MakespanBenchmark.criticalPathMillis(graph, sleeps)
                : MakespanBenchmark.waveIdealMillis(graph, sleeps);
        measure("200 IO-bound steps, " + schedule, graph, target, state, reps, ideal);
      }
    }
    System.out.println("load after: " + load());
  }

  /** 100 no-op steps: s0..s99, each s(i) after s(i-10): 10 waves of 10. */
  static ConnectorGraph noop() {
    ConnectorGraph.Builder builder = ConnectorGraph.builder("noop100", "");
    for (int i = 0; i < 100; i++) {
      builder.step("s" + i, "", i < 10 ? List.of() : List.of("s" + (i - 10)), ctx -> {});
    }
    return builder.build();
  }

  private static void measure(
      String name, ConnectorGraph graph, String target, Path state, int reps, long ideal)
      throws Exception {
    List<WorkflowServiceStubs> connections = new ArrayList<>();
    List<StepWorker> workers = new ArrayList<>();
    try {
      String queue = StepWorker.taskQueue(graph.id());
      for (int i = 0; i < 2; i++) {
        WorkflowServiceStubs stubs = connect(target);
        connections.add(stubs);
        workers.add(StepWorker.start(WorkflowClient.newInstance(stubs), queue, graph,
            Config.of(Map.of(), Map.of()), state));
      }
      WorkflowServiceStubs clientStubs = connect(target);
      connections.add(clientStubs);
      WorkflowClient client = WorkflowClient.newInstance(clientStubs);
      List<Long> local = new ArrayList<>();
      List<Long> temporal = new ArrayList<>();
      for (int rep = 0; rep < WARMUP + reps; rep++) {
        long localMillis = time(ConnectorRunner.builder(graph).store(RunStore.directory(state)));
        long temporalMillis =
            time(ConnectorRunner.builder(graph).store(RunStore.directory(state))
                .remote(new TemporalExecution(client, queue)));
        if (rep >= WARMUP) {
          local.add(localMillis);
          temporal.add(temporalMillis);
        }
      }
      long localMedian = median(local);
      long temporalMedian = median(temporal);
      int steps = graph.steps().size();
      System.out.printf(
          "%s: local %d ms (%.2f ms/step), Temporal %d ms (%.2f ms/step), %.1fx local; runs"
              + " local %s, Temporal %s%s%n",
          name, localMedian, localMedian / (double) steps, temporalMedian,
          temporalMedian / (double) steps, temporalMedian / (double) localMedian, local,
          temporal,
          ideal < 0
              ? ""
              : String.format("; ideal %d ms, Temporal %.2fx ideal, local %.2fx ideal", ideal,
                  temporalMedian / (double) ideal, localMedian / (double) ideal));
    } finally {
      for (StepWorker worker : workers) {
        worker.close();
      }
      for (WorkflowServiceStubs stubs : connections) {
        stubs.shutdownNow();
      }
    }
  }

  private static WorkflowServiceStubs connect(String target) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
  }

  private static long time(ConnectorRunner.Builder builder) {
    long start = System.nanoTime();
    RunReport report = builder.build().run();
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (!report.succeeded()) {
      throw new IllegalStateException("a measured run failed: " + report);
    }
    return millis;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static String load() throws java.io.IOException {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }
}
