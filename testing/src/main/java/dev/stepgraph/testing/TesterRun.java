package dev.stepgraph.testing;

import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.run.ConnectorRunner;
import dev.stepgraph.runtime.run.RunEvent;
import dev.stepgraph.runtime.run.RunReport;
import dev.stepgraph.runtime.run.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run of a tester: the runtime's own runner with the test's configuration and virtual time,
 * and a listener that keeps each step's log lines and retry delays.
 */
final class TesterRun {
  private TesterRun() {}

  /** What a run gave: the report, and per step its log lines and the backoffs it skipped. */
  record Collected(
      RunReport report, Map<String, List<LogLine>> logs, Map<String, List<Duration>> backoffs) {

    StepTestResult result(String stepId) {
      StepResult step = report.step(stepId).orElseThrow(
          () -> new IllegalStateException("the run has no result for step '" + stepId + "'"));
      return new StepTestResult(
          step, logs.getOrDefault(stepId, List.of()), backoffs.getOrDefault(stepId, List.of()));
    }
  }

  static Collected run(ConnectorGraph graph, Map<String, String> config) {
    Map<String, List<LogLine>> logs = new ConcurrentHashMap<>();
    Map<String, List<Duration>> backoffs = new ConcurrentHashMap<>();
    ConnectorRunner.Builder builder =
        ConnectorRunner.builder(graph)
            .config(Config.of(config, Map.of()))
            .skipBackoff()
            .listener(event -> {
              if (event instanceof RunEvent.StepLog log) {
                logs.computeIfAbsent(log.stepId(), id -> new ArrayList<>())
                    .add(new LogLine(log.level(), log.message()));
              } else if (event instanceof RunEvent.StepRetrying retrying) {
                backoffs.computeIfAbsent(retrying.stepId(), id -> new ArrayList<>())
                    .add(retrying.delay());
              }
            })
            // Wait for the listener, which only appends to lists, however loaded the machine.
            .eventWait(Duration.ofMinutes(1));
    ConnectorRunner runner;
    try {
      runner = builder.build();
    } catch (IllegalArgumentException badConfig) {
      // The connector's declared keys: a tester reads neither files nor the environment.
      throw new IllegalArgumentException(badConfig.getMessage()
          + " (a ConnectorTester reads no file and no environment variable: give every key with"
          + " withConfig)", badConfig);
    }
    RunReport report = runner.run();
    return new Collected(report, copy(logs), copy(backoffs));
  }

  private static <T> Map<String, List<T>> copy(Map<String, List<T>> lists) {
    Map<String, List<T>> copy = new java.util.HashMap<>();
    lists.forEach((step, list) -> copy.put(step, List.copyOf(list)));
    return Map.copyOf(copy);
  }
}
