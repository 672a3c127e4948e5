package dev.stepgraph.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepgraph.example.ConnectorProcess.Result;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example connector's generated ConnectorMain, run as a separate process. */
class ExampleConnectorIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void planPrintsTheWavesWithoutRunningAnything() throws Exception {
    // A failing endpoint would fail the run: plan must not call any step.
    Result result = ConnectorProcess.run(Map.of("API_FAIL", "users"), "plan");

    assertEquals(0, result.exitCode(), result.stderr());
    assertEquals(
        List.of(
            "Wave 0 (parallel): users, roles, hosts",
            "Wave 1 (parallel): policies, services",
            "Wave 2 (sequential): relationships"),
        result.stdoutLines().subList(0, 3));
  }

  @Test
  void runWritesEveryEntityAndRelationshipAsJsonLines() throws Exception {
    Path output = tmp.resolve("inventory.jsonl");

    Result result = ConnectorProcess.run("run", "--output", output.toString());

    assertEquals(0, result.exitCode(), result.stderr());
    Map<String, Integer> counts = countByKindAndType(output);
    assertEquals(
        Map.of(
            "entity user", 40,
            "entity role", 6,
            "entity host", 12,
            "entity policy", 12,
            "entity service", 36,
            // users 0, 3, ..., 39 have two roles: 14 * 2 + 26 * 1
            "relationship user-has-role", 54,
            "relationship role-has-policy", 12,
            "relationship host-runs-service", 36),
        counts);
    assertTrue(
        result.stderr().contains("Wave 0 (parallel): users, roles, hosts"), result.stderr());
    assertTrue(result.stderr().contains("6 succeeded"), result.stderr());
    assertNoTempFilesBeside(output);
  }

  @Test
  void aFailingStepDoesNotStopTheOthersAndTheRunExitsWithOne() throws Exception {
    Path output = tmp.resolve("inventory.jsonl");

    Result result =
        ConnectorProcess.run(Map.of("API_FAIL", "users"), "run", "--output", output.toString());

    assertEquals(1, result.exitCode(), result.stderr());
    Map<String, Integer> counts = countByKindAndType(output);
    assertFalse(counts.containsKey("entity user"), counts.toString());
    assertFalse(counts.containsKey("relationship user-has-role"), counts.toString());
    // Siblings in wave 0, the next wave, and the step that depends on the failed one all ran.
    assertEquals(6, counts.get("entity role"));
    assertEquals(12, counts.get("entity host"));
    assertEquals(12, counts.get("entity policy"));
    assertEquals(36, counts.get("entity service"));
    assertEquals(36, counts.get("relationship host-runs-service"));
    assertTrue(
        result.stderr().contains("HTTP 503 Service Unavailable from GET /v1/users?page=0"),
        result.stderr());
    assertTrue(result.stderr().contains("  users: attempt 2/3 after "), result.stderr());
    assertTrue(result.stderr().contains("  users: FAILED after 3 attempts"), result.stderr());
    assertTrue(result.stderr().contains("5 succeeded, 1 failed"), result.stderr());
  }

  @Test
  void stepSelectionRunsTheStepAndItsUpstreamStepsOnly() throws Exception {
    Path output = tmp.resolve("inventory.jsonl");

    Result result =
        ConnectorProcess.run("run", "--step", "policies", "--output", output.toString());

    assertEquals(0, result.exitCode(), result.stderr());
    assertEquals(Map.of("entity role", 6, "entity policy", 12), countByKindAndType(output));
  }

  @Test
  void configFileAndEnvironmentSetTheInventorySize() throws Exception {
    Path config = tmp.resolve("small.properties");
    Files.writeString(config, "inventory.users=7\ninventory.hosts=2\napi.latency-ms=0\n");
    Path output = tmp.resolve("inventory.jsonl");

    Result result =
        ConnectorProcess.run(
            Map.of("INVENTORY_HOSTS", "3"),
            "run", "--config", config.toString(), "--output", output.toString());

    assertEquals(0, result.exitCode(), result.stderr());
    Map<String, Integer> counts = countByKindAndType(output);
    assertEquals(7, counts.get("entity user"));
    assertEquals(3, counts.get("entity host"), "the environment overrides the file");
  }

  @Test
  void anUnknownStepIsAUsageErrorWithASuggestion() throws Exception {
    Result result = ConnectorProcess.run("run", "--step", "polices");

    assertEquals(2, result.exitCode(), result.stderr());
    String firstLine = result.stderrLines().get(0);
    assertTrue(firstLine.contains("'polices'"), firstLine);
    assertTrue(firstLine.contains("'policies'"), firstLine);
    assertNoStackTrace(result);
  }

  @Test
  void anUnknownOptionIsAUsageError() throws Exception {
    Result result = ConnectorProcess.run("run", "--frobnicate");

    assertEquals(2, result.exitCode(), result.stderr());
    assertTrue(result.stderr().contains("--frobnicate"), result.stderr());
    assertNoStackTrace(result);
  }

  @Test
  void anUnreadableConfigFileIsAUsageError() throws Exception {
    Result result = ConnectorProcess.run("run", "--config", tmp.resolve("missing.properties").toString());

    assertEquals(2, result.exitCode(), result.stderr());
    assertTrue(result.stderr().contains("missing.properties"), result.stderr());
    assertNoStackTrace(result);
  }

  @Test
  void ctrlCInterruptsTheRunningStepsAndExitsWith130() throws Exception {
    Path output = tmp.resolve("inventory.jsonl");
    Process process =
        ConnectorProcess.builder(
                Map.of("API_LATENCY_MS", "600000"), "run", "--output", output.toString())
            .redirectOutput(tmp.resolve("stdout.txt").toFile())
            .start();
    List<String> stderr = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      // Every step of wave 0 now waits on its first API call.
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        stderr.add(line);
        if (line.contains("Wave 0")) {
          break;
        }
      }
      assertTrue(process.isAlive(), String.join("\n", stderr));
      Process kill =
          new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
      assertEquals(0, kill.waitFor());
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        stderr.add(line);
      }
    }
    assertTrue(process.waitFor(1, TimeUnit.MINUTES), "the connector did not stop on Ctrl-C");

    String log = String.join("\n", stderr);
    assertEquals(130, process.exitValue(), log);
    assertTrue(log.toLowerCase(java.util.Locale.ROOT).contains("cancelled"), log);
    // Nothing succeeded before the interrupt: the output is complete and valid, and empty.
    assertTrue(Files.exists(output), log);
    assertEquals(Map.of(), countByKindAndType(output));
    assertNoTempFilesBeside(output);
  }

  /** Parses every line and counts "kind type"; fails on a line that is not a complete object. */
  private static Map<String, Integer> countByKindAndType(Path output) throws IOException {
    Map<String, Integer> counts = new TreeMap<>();
    for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
      JsonNode node = JSON.readTree(line);
      String kind = node.get("kind").textValue();
      assertTrue(node.get("type").isTextual(), line);
      if (kind.equals("entity")) {
        assertTrue(node.get("key").isTextual(), line);
      } else {
        assertEquals("relationship", kind, line);
        assertTrue(node.get("from").isTextual() && node.get("to").isTextual(), line);
      }
      counts.merge(kind + " " + node.get("type").textValue(), 1, Integer::sum);
    }
    return counts;
  }

  private static void assertNoTempFilesBeside(Path output) throws IOException {
    try (var files = Files.list(output.getParent())) {
      List<String> names =
          files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".txt")).toList();
      assertEquals(List.of(output.getFileName().toString()), names);
    }
  }

  private static void assertNoStackTrace(Result result) {
    assertFalse(result.stderr().contains("\tat "), "stack trace printed:\n" + result.stderr());
    assertFalse(result.stderr().contains("Exception in thread"), result.stderr());
  }
}
