package dev.stepgraph.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.graph.ConfigKeyDefinition;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a step logs on a worker and the retries of its attempts reach the client's listeners as
 * the events of a local run of the same graph: its log lines, in order, and a retry event between
 * two attempts, with the attempt, the delay and the error.
 */
class WorkerEventsTest {
  private static final long WAIT_SECONDS = 30;

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

  /**
   * A retry is told when it happens: the second attempt of "slow" waits until the client's
   * listener has heard of the retry after the first, which it could not if retries were told only
   * at the step's end.
   */
  @Test
  void aRetryIsToldWhileTheStepStillRuns() {
    CountDownLatch retryTold = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    ConnectorGraph graph =
        ConnectorGraph.builder("patient", "retries while running")
            .step("slow", "fails once, then waits to be seen retrying", List.of(),
                StepPolicy.DEFAULT.withRetry(
                    RetryPolicy.of(2, Duration.ofMillis(10), 1.0, Duration.ofMillis(10), 0)),
                ctx -> {
                  if (calls.incrementAndGet() == 1) {
                    ctx.log().info("first try");
                    throw new java.io.IOException("timed out");
                  }
                  if (!retryTold.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the retry was not told while the step ran");
                  }
                  ctx.emit(Entity.of("user", "u-1"));
                })
            .build();
    List<String> heard = java.util.Collections.synchronizedList(new ArrayList<>());
    try (InProcessTemporal temporal = new InProcessTemporal(graph, state)) {
      var report =
          temporal.runner(graph, builder -> builder.listener(event -> {
            if (event instanceof RunEvent.StepRetrying retrying) {
              heard.add("retry " + retrying.attempt() + ": " + retrying.errorSummary());
              retryTold.countDown();
            } else if (event instanceof RunEvent.StepLog log) {
              heard.add("log " + log.message());
            }
          })).run();
      assertEquals(StepStatus.SUCCEEDED, report.step("slow").orElseThrow().status(),
          String.valueOf(report.step("slow").orElseThrow().errorSummary()));
    }
    assertEquals(List.of("log first try", "retry 2: IOException: timed out"), heard);
  }

  /**
   * The store never holds a secret: what a worker's attempt logged and how it failed are written
   * with the run's secret configuration values masked, as a local run shows them.
   */
  @Test
  void aWorkersLogHoldsNoSecret() throws Exception {
    String token = "tk-5ecret-value";
    Config config = Config.of(Map.of("api.token", token), Map.of());
    AtomicInteger calls = new AtomicInteger();
    ConnectorGraph graph =
        ConnectorGraph.builder("secretive", "logs its token")
            .configKey(new ConfigKeyDefinition("api.token", true, true, "the API's token"))
            .step("users", "fails once, naming the token", List.of(),
                StepPolicy.DEFAULT.withRetry(
                    RetryPolicy.of(2, Duration.ofMillis(10), 1.0, Duration.ofMillis(10), 0)),
                ctx -> {
                  String used = ctx.config().require("api.token");
                  ctx.log().info("calling with {}", used);
                  if (calls.incrementAndGet() == 1) {
                    throw new java.io.IOException("401 for " + used);
                  }
                })
            .build();
    List<String> heard = java.util.Collections.synchronizedList(new ArrayList<>());
    try (InProcessTemporal temporal = new InProcessTemporal(graph, state, state, config)) {
      temporal.runner(graph, builder -> builder.config(config).listener(event -> {
        if (event instanceof RunEvent.StepRetrying retrying) {
          heard.add("retry: " + retrying.errorSummary());
        } else if (event instanceof RunEvent.StepLog log) {
          heard.add("log " + log.message());
        }
      })).run();
    }
    assertEquals(
        List.of("log calling with ****", "retry: IOException: 401 for ****",
            "log calling with ****"),
        heard);
    try (var files = java.nio.file.Files.walk(state)) {
      List<Path> logs = files.filter(f -> f.toString().endsWith(".jsonl")
          && f.getParent().getFileName().toString().equals("logs")).toList();
      assertEquals(2, logs.size(), logs.toString());
      for (Path log : logs) {
        String text = java.nio.file.Files.readString(log);
        assertEquals(false, text.contains(token), log + ": " + text);
      }
    }
  }
}
