package dev.stepgraph.bench;

import dev.stepgraph.bench.scheduler.Scheduler10kConnector_StepGraph;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.run.RunReport;
import java.util.concurrent.ExecutorService;
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
 * Scheduler overhead: one run of a generated connector of 10,000 no-op steps in a random layered
 * DAG (20 waves of 500 steps, 1 to 3 dependencies on the previous wave), through the generated
 * graph and the runtime, against the same step methods run as a hand-written CompletableFuture
 * DAG on an executor of the kind the runtime uses.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// Runs of 10,000 steps keep getting faster for about 6 s of a fork (the JIT): 3 x 1 s of warm-up
// left forks measuring 16 ms where they settled at 9; hence 10 s of warm-up, and 3 forks.
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SchedulerBenchmark {
  static final int STEPS = 10_000;

  ConnectorGraph graph;
  CompletableFutureDag dag;
  ExecutorService pool;
  @Nullable RunReport last;

  @Setup
  public void setUp() {
    graph = Scheduler10kConnector_StepGraph.create();
    if (graph.steps().size() != STEPS) {
      throw new IllegalStateException("expected " + STEPS + " steps, got " + graph);
    }
    dag = new CompletableFutureDag(graph);
    pool = BaselineExecutors.pool();
  }

  @TearDown
  public void tearDown() {
    pool.shutdownNow();
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

  /** Reference only: the same DAG on a pool of one thread per core, reused across runs. */
  @Benchmark
  public void completableFutureDagOnPool() {
    dag.run(pool, step -> new BaselineContext(step.id()));
  }
}
