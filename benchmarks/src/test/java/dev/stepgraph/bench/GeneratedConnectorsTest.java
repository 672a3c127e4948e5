package dev.stepgraph.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.bench.concurrency.Sleep200Connector_StepGraph;
import dev.stepgraph.bench.scheduler.Scheduler10kConnector_StepGraph;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepDefinition;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Smoke test, not a timed test: the generated connectors compiled through the processor into the
 * graphs the benchmarks expect, and both the runtime and the baseline run every step. Nothing here
 * asserts anything about speed.
 */
class GeneratedConnectorsTest {

  @Test
  void schedulerConnectorIsTenThousandStepsInTwentyWavesOfFiveHundred() {
    ConnectorGraph graph = Scheduler10kConnector_StepGraph.create();
    assertEquals(10_000, graph.steps().size());
    assertEquals(20, graph.waves().size());
    for (List<StepDefinition> wave : graph.waves()) {
      assertEquals(500, wave.size());
    }
    for (StepDefinition step : graph.steps()) {
      assertTrue(step.dependsOn().size() <= 3, step.id());
      assertEquals(step.wave() == 0, step.dependsOn().isEmpty(), step.id());
    }
  }

  @Test
  void concurrencyConnectorIsTwoHundredStepsInFourWaves() {
    ConnectorGraph graph = Sleep200Connector_StepGraph.create();
    assertEquals(200, graph.steps().size());
    assertEquals(4, graph.waves().size());
  }

  @Test
  void runtimeRunsEveryStep() {
    Runs.check(Runs.run(Scheduler10kConnector_StepGraph.create()), 10_000);
  }

  @Test
  void baselineRunsEveryStepOnce() {
    ConnectorGraph graph = Scheduler10kConnector_StepGraph.create();
    Set<String> ran = ConcurrentHashMap.newKeySet();
    ExecutorService pool = BaselineExecutors.pool();
    try {
      new CompletableFutureDag(graph).run(pool, step -> {
        assertTrue(ran.add(step.id()), step.id());
        return new BaselineContext(step.id());
      });
    } finally {
      pool.shutdownNow();
    }
    assertEquals(10_000, ran.size());
  }
}
