package dev.stepgraph.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.RetryPolicy;
import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.run.ConnectorRunner;
import dev.stepgraph.runtime.run.RunReport;
import dev.stepgraph.runtime.run.StepStatus;
import dev.stepgraph.runtime.store.RunStore;
import dev.stepgraph.runtime.store.RunStoreException;
import dev.stepgraph.runtime.store.RunSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker whose {@code --state} is not the client's: the run stops at the first step it is
 * given, with a {@link RunStoreException} of {@link RunStoreException.Problem#UNSHARED} that names
 * its directory and says what to do (the command line's exit 2); the step's body never runs, no
 * step is recorded as done or skipped for it, and once the worker shares the store a resume runs
 * the whole graph.
 */
class UnsharedStoreTest {
  @TempDir Path clientState;
  @TempDir Path workerState;

  private final AtomicInteger users = new AtomicInteger();
  private final AtomicInteger groups = new AtomicInteger();

  private ConnectorGraph graph() {
    return ConnectorGraph.builder("unshared", "two stores")
        .step("users", "", List.of(),
            StepPolicy.DEFAULT.withRetry(
                RetryPolicy.of(3, Duration.ofMillis(10), 1.0, Duration.ofMillis(10), 0)),
            ctx -> {
              users.incrementAndGet();
              ctx.emit(Entity.of("user", "u-1"));
            })
        .step("groups", "", List.of("users"), ctx -> {
          groups.incrementAndGet();
          ctx.emit(Entity.of("group", "g-1"));
        })
        .build();
  }

  @Test
  void aWorkerWhoseStoreDoesNotHoldTheRunStopsTheRunBeforeAnyStepRuns() {
    ConnectorGraph graph = graph();
    RunStoreException stopped;
    try (InProcessTemporal temporal = new InProcessTemporal(graph, clientState, workerState)) {
      ConnectorRunner runner = temporal.runner(graph, builder -> builder.runId("r-1"));
      stopped = assertThrows(RunStoreException.class, runner::run);
    }
    assertEquals(RunStoreException.Problem.UNSHARED, stopped.problem());
    assertEquals(
        "the worker's state directory " + workerState + " holds no run r-1: the client and the"
            + " workers must share one run store",
        stopped.getMessage());
    assertEquals(0, users.get(), "the step's body did not run");

    // Recorded as stopped, with nothing done: neither the refused step nor its dependent's skip.
    RunSummary recorded = RunStore.directory(clientState).runs("unshared").get(0);
    assertEquals("r-1", recorded.runId());
    assertEquals(Map.of(), recorded.recorded().steps());

    try (InProcessTemporal shared = new InProcessTemporal(graph, clientState)) {
      RunReport resumed = shared.runner(graph, builder -> builder.resume("r-1")).run();
      assertEquals(StepStatus.SUCCEEDED, resumed.step("users").orElseThrow().status());
      assertEquals(StepStatus.SUCCEEDED, resumed.step("groups").orElseThrow().status());
    }
    assertEquals(1, users.get());
    assertEquals(1, groups.get());
  }
}
