package dev.stepgraph.bench;

import dev.stepgraph.bench.concurrency.Sleep200Connector_StepGraph;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.run.RunReport;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Concurrency: a generated connector of 200 steps in 4 waves of 50, each step sleeping 20 ms. The
 * ideal makespan is the sum over waves of the longest step: 4 x 20 ms = 80 ms. The
 * CompletableFuture DAG on the same kind of executor is the reference.
 *
 * <p>Two ways to get threads: the run's own, started by each run and ended with it ({@code
 * stepgraph}, and the DAG on a new executor per run), and an embedder's executor that outlives the
 * runs ({@code ConnectorRunner.Builder.executor}: {@code stepgraphOnSharedExecutor}, and the DAG
 * on the same executor), a cached pool of daemon platform threads on every JDK, as a service that
 * runs connectors again and again keeps one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ConcurrencyBenchmark {
  static final int STEPS = 200;
  /** Sum over the 4 waves of the longest step. */
  public static final double IDEAL_MS = 4 * 20.0;

  ConnectorGraph graph;
  CompletableFutureDag dag;
  ExecutorService shared;
  @Nullable RunReport last;

  @Setup
  public void setUp() {
    graph = Sleep200Connector_StepGraph.create();
    if (graph.steps().size() != STEPS || graph.waves().size() != 4) {
      throw new IllegalStateException("expected 200 steps in 4 waves, got " + graph);
    }
    dag = new CompletableFutureDag(graph);
    shared = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "embedder");
      thread.setDaemon(true);
      return thread;
    });
  }

  @TearDown
  public void tearDown() {
    shared.shutdownNow();
    if (last != null) {
      Runs.check(last, STEPS);
    }
  }

  @Benchmark
  public RunReport stepgraph() {
    return last = Runs.run(graph);
  }

  @Benchmark
  public void completableFutureDag() {
    BaselineExecutors.perRun(executor -> dag.run(executor, step -> new BaselineContext(step.id())));
  }

  @Benchmark
  public RunReport stepgraphOnSharedExecutor() {
    return last = Runs.run(graph, shared);
  }

  @Benchmark
  public void completableFutureDagOnSharedExecutor() {
    dag.run(shared, step -> new BaselineContext(step.id()));
  }
}
