package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.run.ConnectorRunner;
import dev.stepgraph.runtime.run.RunReport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * Runs against the packaged jar (failsafe, JDK 21+): it must hold the JDK 21 VirtualThreads in
 * place of the JDK 17 placeholder, so steps run on virtual threads.
 */
class VirtualThreadsIT {

  @Test
  void stepsRunOnVirtualThreadsFromThePackagedJar() {
    assertTrue(StepThreads.virtual(), "the jar holds the JDK 17 placeholder of VirtualThreads");
    ConcurrentLinkedQueue<Boolean> virtual = new ConcurrentLinkedQueue<>();
    ConnectorGraph graph =
        ConnectorGraph.builder("vt", "")
            .step("a", "", List.of(), 0, ctx -> virtual.add(Thread.currentThread().isVirtual()))
            .step("b", "", List.of(), 0, ctx -> virtual.add(Thread.currentThread().isVirtual()))
            .step("c", "", List.of("a"), 1, ctx -> virtual.add(Thread.currentThread().isVirtual()))
            .build();

    RunReport report = ConnectorRunner.builder(graph).build().run();

    assertTrue(report.succeeded(), report.toString());
    assertEquals(List.of(true, true, true), List.copyOf(virtual));
  }
}
