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
 * Runs against the packaged multi-release jar (failsafe, JDK 21+): the JVM must pick
 * META-INF/versions/21/StepThreads, so steps run on virtual threads.
 */
class VirtualThreadsIT {

  @Test
  void stepsRunOnVirtualThreadsFromTheMultiReleaseJar() {
    assertTrue(StepThreads.virtual(), "the JDK 21 StepThreads was not loaded from the jar");
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
