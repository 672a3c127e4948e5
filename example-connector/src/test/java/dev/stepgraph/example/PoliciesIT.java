package dev.stepgraph.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every step policy end to end: the generated {@code ConnectorMain} of {@code PoliciesConnector}
 * run as a separate process.
 */
class PoliciesIT {

  @TempDir Path tmp;

  /** Runs the generated ConnectorMain of the test connector, from the test classes. */
  private static ConnectorProcess.Result run(String... args) throws Exception {
    return ConnectorProcess.run(ConnectorProcess.testMain("dev.stepgraph.example.policies.ConnectorMain", args));
  }

  @Test
  void planListsEveryPolicyAfterTheWavesInWaveOrder() throws Exception {
    ConnectorProcess.Result result = run("plan");

    assertEquals(0, result.exitCode(), result.stderr());
    assertEquals(
        List.of(
            "Wave 0 (parallel): stuck, sibling, flaky, nothing-new",
            "Wave 1 (parallel): after-stuck, next",
            "",
            "Policies:",
            "  stuck: timeout 200ms",
            "  flaky: retry 3 attempts (backoff 10ms, x2.0, max 1m, jitter 0.0)",
            "  after-stuck: on dependency failure skip"),
        result.stdoutLines());
  }

  @Test
  void aTimeoutARetryASkipAndASkipPropagationInOneRun() throws Exception {
    Path output = tmp.resolve("things.jsonl");

    ConnectorProcess.Result result = run("run", "--output", output.toString());

    String log = result.stderr();
    assertEquals(1, result.exitCode(), "a timed-out step fails the run:\n" + log);
    assertTrue(log.contains("  stuck: TIMED OUT after 200ms"), log);
    assertTrue(log.contains("  after-stuck: SKIPPED: dependency 'stuck' timed out"), log);
    assertTrue(
        log.contains("  flaky: attempt 2/3 after 10ms: IllegalStateException: HTTP 503"), log);
    assertTrue(log.contains("  nothing-new: SKIPPED: no new rows"), log);
    assertTrue(log.contains(": 3 succeeded, 2 skipped, 1 timed out"), log);
    // Only the emissions of steps that succeeded, the retried key once; the stuck step's wave
    // went on without it and the next wave ran while it still hung.
    String things = Files.readString(output, StandardCharsets.UTF_8);
    assertEquals(3, things.lines().count(), things);
    assertTrue(things.contains("\"key\":\"sibling\""), things);
    assertTrue(things.contains("\"key\":\"next\""), things);
    assertTrue(things.contains("\"key\":\"flaky\""), things);
  }

  @Test
  void aRunWhoseOnlyUnsuccessfulStepWasSkippedExitsWithZero() throws Exception {
    ConnectorProcess.Result result = run("run", "--step", "nothing-new", "--step", "sibling");

    assertEquals(0, result.exitCode(), result.stderr());
    assertTrue(result.stderr().contains(": 1 succeeded, 1 skipped"), result.stderr());
  }
}
