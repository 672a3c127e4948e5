package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.run.ConnectorRunner;
import dev.stepgraph.runtime.run.RunReport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** JDK 21+: the classes hold the JDK 21 VirtualThreads, so steps run on virtual threads. */
class VirtualThreadsTest {

  @Test
  void everyStepOfAWaveRunsAtOnceOnItsOwnVirtualThread() {
    int steps = 1000;
    CyclicBarrier allInside = new CyclicBarrier(steps);
    ConnectorGraph.Builder builder = ConnectorGraph.builder("many", "");
    for (int i = 0; i < steps; i++) {
      builder.step("s" + i, "", List.of(), 0, ctx -> {
        if (!Thread.currentThread().isVirtual()) {
          throw new AssertionError("not a virtual thread: " + Thread.currentThread());
        }
        allInside.await(60, TimeUnit.SECONDS);
      });
    }

    RunReport report = ConnectorRunner.builder(builder.build()).build().run();

    assertTrue(report.succeeded(), () -> report.steps().get(0).toString());
  }
}
