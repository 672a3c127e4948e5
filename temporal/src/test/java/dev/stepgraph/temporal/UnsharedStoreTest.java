package dev.stepgraph.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.RetryPolicy;
import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.run.RunReport;
import dev.stepgraph.runtime.run.StepResult;
import dev.stepgraph.runtime.run.StepStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker whose {@code --state} is not the client's: the steps it is given fail at once, not
 * retried and without running, with a message that names its directory and says what to do.
 */
class UnsharedStoreTest {
  @TempDir Path clientState;
  @TempDir Path workerState;

  @Test
  void aWorkerWhoseStoreDoesNotHoldTheRunFailsItsStepsWithoutRunningThem() {
    AtomicInteger calls = new AtomicInteger();
    ConnectorGraph graph =
        ConnectorGraph.builder("unshared", "two stores")
            .step("users", "", List.of(),
                StepPolicy.DEFAULT.withRetry(RetryPolicy.of(3, Duration.ofMillis(10), 1.0, Duration.ofMillis(10), 0)),
                ctx -> {
                  calls.incrementAndGet();
                  ctx.emit(Entity.of("user", "u-1"));
                })
            .build();
    try (InProcessTemporal temporal = new InProcessTemporal(graph, clientState, workerState)) {
      RunReport report = temporal.run(graph);

      StepResult users = report.step("users").orElseThrow();
      assertEquals(StepStatus.FAILED, users.status());
      assertEquals(1, users.attempts(), "not retried");
      assertEquals(0, calls.get(), "the step's body did not run");
      assertEquals(
          "the worker's state directory " + workerState + " holds no run " + report.runId()
              + ": the client and the workers must share one run store",
          users.error().getMessage());
    }
  }
}
