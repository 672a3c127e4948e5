package dev.stepgraph.bench;

import dev.stepgraph.Schedule;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.run.RunReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * IO-bound makespan: 200 steps of a random DAG (seed 42; each step depends on up to 3 of the 20
 * steps before it), each sleeping 5 to 100 ms. Under {@link Schedule#EAGER} the ideal is the
 * critical path (the longest chain of sleeps); under {@link Schedule#WAVES} it is the wave-barrier
 * ideal, the sum over waves of the slowest step. Both ideals are printed at set-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class MakespanBenchmark {
  static final int STEPS = 200;

  @Param({"WAVES", "EAGER"})
  public Schedule schedule;

  ConnectorGraph graph;
  @Nullable RunReport last;

  /** The random DAG: each step's dependencies and sleep, the same for both schedules. */
  static ConnectorGraph graph(Schedule schedule, Map<String, Long> sleeps) {
    Random random = new Random(42);
    ConnectorGraph.Builder builder = ConnectorGraph.builder("makespan", "").schedule(schedule);
    for (int i = 0; i < STEPS; i++) {
      List<String> dependsOn = new ArrayList<>();
      int count = i == 0 ? 0 : random.nextInt(4);
      for (int d = 0; d < count; d++) {
        String dependency = "s" + Math.max(0, i - 1 - random.nextInt(Math.min(i, 20)));
        if (!dependsOn.contains(dependency)) {
          dependsOn.add(dependency);
        }
      }
      long millis = 5 + random.nextInt(96);
      sleeps.put("s" + i, millis);
      builder.step("s" + i, "", dependsOn, ctx -> Thread.sleep(millis));
    }
    return builder.build();
  }

  /** The longest chain of sleeps through the graph. */
  static long criticalPathMillis(ConnectorGraph graph, Map<String, Long> sleeps) {
    Map<String, Long> finish = new HashMap<>();
    long longest = 0;
    for (StepDefinition step : graph.steps()) { // wave order: dependencies first
      long start = 0;
      for (String dependency : step.dependsOn()) {
        start = Math.max(start, finish.get(dependency));
      }
      finish.put(step.id(), start + sleeps.get(step.id()));
      longest = Math.max(longest, start + sleeps.get(step.id()));
    }
    return longest;
  }

  /** The sum over waves of the slowest step. */
  static long waveIdealMillis(ConnectorGraph graph, Map<String, Long> sleeps) {
    long sum = 0;
    for (List<StepDefinition> wave : graph.waves()) {
      long slowest = 0;
      for (StepDefinition step : wave) {
        slowest = Math.max(slowest, sleeps.get(step.id()));
      }
      sum += slowest;
    }
    return sum;
  }

  @Setup
  public void setUp() {
    Map<String, Long> sleeps = new HashMap<>();
    graph = graph(schedule, sleeps);
    System.out.println(
        "makespan graph: " + graph.steps().size() + " steps in " + graph.waves().size()
            + " waves; critical path " + criticalPathMillis(graph, sleeps) + " ms; wave-barrier ideal "
            + waveIdealMillis(graph, sleeps) + " ms");
  }

  @TearDown
  public void tearDown() {
    if (last != null) {
      Runs.check(last, STEPS);
    }
  }

  @Benchmark
  public RunReport run() {
    return last = Runs.run(graph);
  }
}
