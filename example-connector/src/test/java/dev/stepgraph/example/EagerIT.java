package dev.stepgraph.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An EAGER connector end to end: the generated {@code ConnectorMain} of {@code EagerConnector}
 * run as a separate process. Its {@code audit} step ends only once {@code users} has started, so
 * the run succeeds only if {@code users} starts as soon as its own dependency is done.
 */
class EagerIT {

  @TempDir Path tmp;

  private static ConnectorProcess.Result run(String... args) throws Exception {
    return ConnectorProcess.run(ConnectorProcess.testMain("dev.stepgraph.example.eager.ConnectorMain", args));
  }

  @Test
  void planSaysStepsStartAsSoonAsTheirDependenciesFinish() throws Exception {
    ConnectorProcess.Result result = run("plan");

    assertEquals(0, result.exitCode(), result.stderr());
    assertEquals(
        List.of(
            "Wave 0 (parallel): accounts, audit",
            "Wave 1 (sequential): users",
            "Wave 2 (sequential): report",
            "Schedule: eager, each step starts as soon as every step it depends on has finished",
            "",
            "Data:",
            "  accounts: emits account",
            "  audit: emits audit-event",
            "  users: reads account; emits user",
            "  report: reads account, user, audit-event; emits account-has-user"),
        result.stdoutLines());
  }

  @Test
  void aStepStartsWhileASlowStepOfAnotherBranchIsStillRunning() throws Exception {
    Path output = tmp.resolve("inventory.jsonl");

    ConnectorProcess.Result result = run("run", "--output", output.toString());

    // audit waits for users to start: with waves it would fail after a minute.
    assertEquals(0, result.exitCode(), result.stderr());
    List<String> log = result.stderr().lines().toList();
    assertTrue(log.stream().anyMatch(
            line -> line.startsWith("  audit: completed in ") && line.endsWith(", 1 audit-event")),
        result.stderr());
    // report depends on both branches: it sees what each committed, and only that.
    assertTrue(log.contains("  report: [INFO] report saw 1 audit event(s)"), result.stderr());
    assertTrue(log.get(log.size() - 2).endsWith(": 4 succeeded"), result.stderr());
    List<String> inventory = new ArrayList<>(Files.readAllLines(output, StandardCharsets.UTF_8));
    inventory.sort(null);
    assertEquals(
        List.of(
            "{\"kind\":\"entity\",\"type\":\"account\",\"key\":\"a-1\",\"properties\":{}}",
            "{\"kind\":\"entity\",\"type\":\"account\",\"key\":\"a-2\",\"properties\":{}}",
            "{\"kind\":\"entity\",\"type\":\"audit-event\",\"key\":\"e-1\",\"properties\":{}}",
            "{\"kind\":\"entity\",\"type\":\"user\",\"key\":\"a-1-admin\",\"properties\":{}}",
            "{\"kind\":\"entity\",\"type\":\"user\",\"key\":\"a-2-admin\",\"properties\":{}}",
            "{\"kind\":\"relationship\",\"type\":\"account-has-user\",\"from\":\"a-1\","
                + "\"to\":\"a-1-admin\",\"properties\":{}}",
            "{\"kind\":\"relationship\",\"type\":\"account-has-user\",\"from\":\"a-2\","
                + "\"to\":\"a-2-admin\",\"properties\":{}}"),
        inventory);
  }
}
