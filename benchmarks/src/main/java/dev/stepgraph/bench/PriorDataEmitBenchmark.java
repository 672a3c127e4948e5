package dev.stepgraph.bench;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.run.RunReport;
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
 * Prior data, emitting: one run in which 100 steps emit 1,000,000 pre-built entities and a
 * wave-1 step reads the snapshot ({@link PriorDataFixture}), against a hand-written baseline
 * (per-step lists, then a HashMap by key and by type). Run with {@code -prof gc} for the bytes
 * allocated per run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class PriorDataEmitBenchmark {
  Entity[][] entities;
  ConnectorGraph graph;
  @Nullable RunReport last;

  @Setup
  public void setUp() {
    entities = PriorDataFixture.entities();
    graph = PriorDataFixture.graph(entities, PriorDataFixture::checkCount);
  }

  @TearDown
  public void tearDown() {
    if (last != null) {
      Runs.check(last, PriorDataFixture.STEPS + 1);
    }
  }

  @Benchmark
  public RunReport stepgraph() {
    return last = Runs.run(graph);
  }

  @Benchmark
  public void hashMapBaseline() {
    BaselineExecutors.perRun(executor -> PriorDataFixture.baselineRun(entities, executor, PriorDataFixture::checkCount));
  }
}
