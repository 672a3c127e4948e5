package dev.stepgraph.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.RetryPolicy;
import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.run.ConnectorRunner;
import dev.stepgraph.runtime.run.RunEvent;
import dev.stepgraph.runtime.run.StepStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a step logs on a worker and the retries of its attempts reach the client's listeners as
 * the events of a local run of the same graph: its log lines, in order, and a retry event between
 * two attempts, with the attempt, the delay and the error.
 */
class WorkerEventsTest {
  @TempDir Path state;
  @TempDir Path local;

  /** Logs a line per attempt and fails its first two; "broken" logs and fails, unretried. */
  private static ConnectorGraph graph(Map<String, AtomicInteger> calls) {
    StepPolicy retry =
        StepPolicy.DEFAULT.withRetry(
            RetryPolicy.of(3, Duration.ofMillis(20), 2.0, Duration.ofMillis(50), 0));
    return ConnectorGraph.builder("chatty", "logs and retries")
        .step("flaky", "fails twice", List.of(), retry, ctx -> {
          int call = calls.computeIfAbsent("flaky", k -> new AtomicInteger()).incrementAndGet();
          ctx.log().info("fetching page {} of users", call);
          if (call < 3) {
            ctx.log().warn("the API reset the connection");
            throw new java.io.IOException("connection reset");
          }
          ctx.emit(Entity.of("user", "u-1"));
        })
        .step("broken", "fails once", List.of(), StepPolicy.DEFAULT, ctx -> {
          ctx.log().error("no token for the API");
          throw new IllegalStateException("no token");
        })
        .step("quiet", "logs nothing", List.of("flaky"), StepPolicy.DEFAULT, ctx -> {})
        .build();
  }

  /** The step's events as lines, in the order the listener heard them, times left out. */
  private static Map<String, List<String>> byStep(List<RunEvent> events) {
    Map<String, List<String>> lines = new ConcurrentHashMap<>();
    for (RunEvent event : events) {
      String line;
      String step;
      if (event instanceof RunEvent.StepLog log) {
        step = log.stepId();
        line = "log " + log.level() + " " + log.message();
      } else if (event instanceof RunEvent.StepRetrying retrying) {
        step = retrying.stepId();
        line = "retry attempt " + retrying.attempt() + "/" + retrying.attempts() + " after "
            + retrying.delay().toMillis() + " ms: " + retrying.errorSummary();
      } else if (event instanceof RunEvent.StepStarted started) {
        step = started.stepId();
        line = "started";
      } else if (event instanceof RunEvent.StepCompleted completed) {
        step = completed.stepId();
        line = "completed";
      } else if (event instanceof RunEvent.StepFailed failed) {
        step = failed.stepId();
        line = "failed: " + failed.errorSummary();
      } else {
        continue;
      }
      lines.computeIfAbsent(step, k -> new ArrayList<>()).add(line);
    }
    return lines;
  }

  @Test
  void aWorkersLogLinesAndRetriesAreTheEventsOfALocalRun() {
    List<RunEvent> remote = java.util.Collections.synchronizedList(new ArrayList<>());
    ConnectorGraph graph = graph(new ConcurrentHashMap<>());
    try (InProcessTemporal temporal = new InProcessTemporal(graph, state)) {
      var report = temporal.runner(graph, builder -> builder.listener(remote::add)).run();
      assertEquals(StepStatus.SUCCEEDED, report.step("flaky").orElseThrow().status());
    }
    List<RunEvent> here = java.util.Collections.synchronizedList(new ArrayList<>());
    ConnectorRunner.builder(graph(new ConcurrentHashMap<>()))
        .store(dev.stepgraph.runtime.store.RunStore.directory(local))
        .listener(here::add)
        .build()
        .run();

    Map<String, List<String>> onTemporal = byStep(remote);
    assertEquals(
        List.of(
            "started",
            "log INFO fetching page 1 of users",
            "log WARN the API reset the connection",
            "retry attempt 2/3 after 20 ms: IOException: connection reset",
            "log INFO fetching page 2 of users",
            "log WARN the API reset the connection",
            "retry attempt 3/3 after 40 ms: IOException: connection reset",
            "log INFO fetching page 3 of users",
            "completed"),
        onTemporal.get("flaky"));
    assertEquals(
        List.of(
            "started", "log ERROR no token for the API", "failed: IllegalStateException: no token"),
        onTemporal.get("broken"));
    assertEquals(List.of("started", "completed"), onTemporal.get("quiet"));
    assertEquals(byStep(here), onTemporal);
  }
}
