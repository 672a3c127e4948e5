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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example connector's generated ConnectorMain, run as a separate process. */
class ExampleConnectorIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DURATION = Pattern.compile(
      "(completed in |FAILED after |attempts in |CANCELLED after |Finished in |Cancelled after )(?:<1ms|\\d+ms|\\d+(?:\\.\\d)?s|\\d+h(?:\\d+m)?(?:\\d+s)?|\\d+m(?:\\d+s)?)");
  private static final Pattern RETRY_WAIT = Pattern.compile("(: attempt \\d+/\\d+ after )[0-9hms.<]+:");
  private static final Pattern RUN_ID = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-f]{4}");

  @TempDir Path tmp;

  @Test
  void planPrintsTheWavesWithoutRunningAnything() throws Exception {
    // A failing endpoint would fail the run: plan must not call any step.
    Result result = ConnectorProcess.run(Map.of("API_FAIL", "users"), "plan");

    assertEquals(0, result.exitCode(), result.stderr());
    assertEquals(
        "Wave 0 (parallel): users, roles, hosts\n"
            + "Wave 1 (parallel): policies, services\n"
            + "Wave 2 (sequential): relationships\n"
            + "\n"
            + "Policies:\n"
            + "  users: timeout 2m, retry 3 attempts (backoff 500ms, x2.0, max 1m, jitter 0.2)\n"
            + "  roles: timeout 1m, retry 3 attempts (backoff 500ms, x2.0, max 1m, jitter 0.2)\n"
            + "  hosts: timeout 2m, retry 3 attempts (backoff 500ms, x2.0, max 1m, jitter 0.2)\n"
            + "  policies: timeout 5m\n"
            + "  services: timeout 5m, on dependency failure skip\n"
            + "  relationships: timeout 1m\n"
            + "\n"
            + "Data:\n"
            + "  users: emits user\n"
            + "  roles: emits role\n"
            + "  hosts: emits host\n"
            + "  policies: reads role; emits policy\n"
            + "  services: reads host; emits service\n"
            + "  relationships: reads user, role, policy, host, service;"
            + " emits user-has-role, role-has-policy, host-runs-service\n"
            + "\n"
            + "Configuration:\n"
            + "  api.token (API_TOKEN): required, secret; API token, sent with every call (the simulated"
            + " API takes any)\n"
            + "  api.page-size (API_PAGE_SIZE): Items per page of users and hosts, default 20\n"
            + "  api.latency-ms (API_LATENCY_MS): Latency of every call in milliseconds, default 25\n"
            + "  api.fail (API_FAIL): An endpoint that always answers HTTP 503: users, roles, policies,"
            + " hosts or services\n"
            + "  api.flaky (API_FLAKY): An endpoint whose first calls answer HTTP 503, then succeed\n"
            + "  api.flaky-failures (API_FLAKY_FAILURES): How many calls of the flaky endpoint fail,"
            + " default 1\n"
            + "  api.unauthorized (API_UNAUTHORIZED): An endpoint that answers HTTP 401, which no retry"
            + " can fix\n"
            + "  inventory.users (INVENTORY_USERS): Number of users, default 40\n"
            + "  inventory.roles (INVENTORY_ROLES): Number of roles, default 6\n"
            + "  inventory.hosts (INVENTORY_HOSTS): Number of hosts, default 12\n"
            + "  inventory.services-per-host (INVENTORY_SERVICES_PER_HOST): Services on each host,"
            + " default 3\n",
        result.stdout());
    assertEquals("", result.stderr());
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
    assertEquals(
        "Run cloud-inventory <run>: 6 steps in 3 waves\n"
            + "Wave 0 (parallel): users, roles, hosts\n"
            + "  hosts: completed in <t>, 12 host\n"
            + "  roles: completed in <t>, 6 role\n"
            + "  users: completed in <t>, 40 user\n"
            + "Wave 1 (parallel): policies, services\n"
            + "  policies: completed in <t>, 12 policy\n"
            + "  services: completed in <t>, 36 service\n"
            + "Wave 2 (sequential): relationships\n"
            + "  relationships: completed in <t>, 102 relationships\n"
            + "Finished in <t>: 6 succeeded\n"
            + "Wrote 106 entities and 102 relationships to " + output + "\n",
        inStepOrder(result.stderr()));
    assertNoTempFilesBeside(output);
  }

  @Test
  void aFailingStepDoesNotStopTheOthersAndTheRunExitsWithOne() throws Exception {
    Path output = tmp.resolve("inventory.jsonl");

    Result result =
        ConnectorProcess.run(Map.of("API_FAIL", "users"), "run", "--output", output.toString());

    assertEquals(1, result.exitCode(), result.stderr());
    // No users and none of their roles; siblings in wave 0, the next wave, and the step that
    // depends on the failed one all ran.
    assertEquals(
        Map.of(
            "entity role", 6,
            "entity host", 12,
            "entity policy", 12,
            "entity service", 36,
            "relationship role-has-policy", 12,
            "relationship host-runs-service", 36),
        countByKindAndType(output));
    // Where it failed: the example's API client, in the connector's package.
    String error = "ApiException: HTTP 503 Service Unavailable from GET /v1/users?page=0 (api.fail=users)"
        + " (at SimulatedCloudApi.java:184)";
    assertEquals(
        "Run cloud-inventory <run>: 6 steps in 3 waves\n"
            + "Wave 0 (parallel): users, roles, hosts\n"
            + "  hosts: completed in <t>, 12 host\n"
            + "  roles: completed in <t>, 6 role\n"
            + "  users: attempt 2/3 after <backoff>: " + error + "\n"
            + "  users: attempt 3/3 after <backoff>: " + error + "\n"
            + "  users: FAILED after 3 attempts in <t>: " + error + "\n"
            + "Wave 1 (parallel): policies, services\n"
            + "  policies: completed in <t>, 12 policy\n"
            + "  services: completed in <t>, 36 service\n"
            + "Wave 2 (sequential): relationships\n"
            + "  relationships: completed in <t>, 48 relationships (partial: users did not succeed)\n"
            + "Finished in <t>: 5 succeeded (1 partial: relationships), 1 failed\n"
            + "Wrote 66 entities and 48 relationships to " + output + "\n",
        inStepOrder(result.stderr()));
  }

  @Test
  void stepSelectionRunsTheStepAndItsUpstreamStepsOnly() throws Exception {
    Path output = tmp.resolve("inventory.jsonl");

    Result result =
        ConnectorProcess.run("run", "--step", "policies", "--output", output.toString());

    assertEquals(0, result.exitCode(), result.stderr());
    assertEquals(Map.of("entity role", 6, "entity policy", 12), countByKindAndType(output));
  }

  /** The token is a secret: no output of the process holds it, though the API's error names it. */
  @Test
  void theTokenIsInNoOutputOfTheProcess() throws Exception {
    String token = "tok-" + Long.toHexString(System.nanoTime());
    Path output = tmp.resolve("inventory.jsonl");

    Result result = ConnectorProcess.run(
        Map.of("API_TOKEN", token, "API_UNAUTHORIZED", "roles"),
        "run", "--events", "json", "--output", output.toString());

    assertEquals(1, result.exitCode(), result.stderr());
    String everything = result.stdout() + result.stderr() + Files.readString(output);
    assertFalse(everything.contains(token), everything);
    assertTrue(result.stderr().contains(
        "  roles: FAILED after "), result.stderr());
    assertTrue(result.stderr().contains(
        ": NonRetryableException: HTTP 401 Unauthorized from GET /v1/roles: the API token '****' was"
            + " refused; check api.token (at SimulatedCloudApi.java:179)\n"), result.stderr());
    assertTrue(result.stdout().contains("the API token '****' was refused"), result.stdout());
  }

  /** A run without the required token stops before any step: no API call, no output file. */
  @Test
  void aRunWithoutTheTokenIsExitCode2AndRunsNothing() throws Exception {
    Path output = tmp.resolve("inventory.jsonl");

    Result result = ConnectorProcess.run(Map.of(), Set.of("API_TOKEN"),
        "run", "--events", "json", "--output", output.toString());

    assertEquals(2, result.exitCode(), result.stderr());
    assertEquals("", result.stdout(), "not even run-started");
    assertEquals(
        "error: required config key 'api.token' is not set: set environment variable API_TOKEN, or"
            + " pass --config FILE with 'api.token' in it\nRun 'ConnectorMain --help' for usage.\n",
        result.stderr());
    assertFalse(Files.exists(output));
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
    assertEquals(
        "error: unknown step 'polices'; did you mean 'policies'? (steps: users, roles, hosts,"
            + " policies, services, relationships)\n"
            + "Run 'ConnectorMain --help' for usage.\n",
        result.stderr());
    assertEquals("", result.stdout());
  }

  @Test
  void anUnknownOptionIsAUsageError() throws Exception {
    Result result = ConnectorProcess.run("run", "--frobnicate");

    assertEquals(2, result.exitCode(), result.stderr());
    assertEquals(
        "error: Unknown option: '--frobnicate'\nRun 'ConnectorMain --help' for usage.\n",
        result.stderr());
  }

  @Test
  void anUnreadableConfigFileIsAUsageError() throws Exception {
    Path missing = tmp.resolve("missing.properties");
    Result result = ConnectorProcess.run("run", "--config", missing.toString());

    assertEquals(2, result.exitCode(), result.stderr());
    assertEquals(
        "error: cannot read config file '" + missing + "': no such file\n"
            + "Run 'ConnectorMain --help' for usage.\n",
        result.stderr());
  }

  @Test
  void ctrlCInterruptsTheRunningStepsAndExitsWith130() throws Exception {
    ConnectorProcess.assumeSigintIsDelivered();
    Path output = tmp.resolve("inventory.jsonl");
    Path stderr = tmp.resolve("stderr.txt");
    // --events json tells when each step has started: then every step of wave 0 is running, or
    // about to wait, on its first API call, which takes ten minutes.
    Process process =
        ConnectorProcess.builder(
                Map.of("API_LATENCY_MS", "600000"),
                "run", "--output", output.toString(), "--events", "json")
            .redirectError(stderr.toFile())
            .start();
    List<String> events = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      int started = 0;
      while (started < 3) {
        String line = reader.readLine();
        if (line == null) {
          break; // it ended: the assertion below says how
        }
        events.add(line);
        if (line.startsWith("{\"event\":\"step-started\"")) {
          started++;
        }
      }
      assertTrue(process.isAlive(), String.join("\n", events) + Files.readString(stderr));
      Process kill =
          new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
      assertEquals(0, kill.waitFor());
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        events.add(line);
      }
    }
    assertTrue(process.waitFor(1, TimeUnit.MINUTES), "the connector did not stop on Ctrl-C");

    String log = Files.readString(stderr, StandardCharsets.UTF_8);
    assertEquals(130, process.exitValue(), log);
    assertEquals(
        "Run cloud-inventory <run>: 6 steps in 3 waves\n"
            + "Wave 0 (parallel): users, roles, hosts\n"
            + "  hosts: CANCELLED after <t>\n"
            + "  roles: CANCELLED after <t>\n"
            + "  users: CANCELLED after <t>\n"
            + "Cancelled after <t>: 0 succeeded, 3 cancelled, 3 not run\n"
            + "Wrote 0 entities and 0 relationships to " + output + "\n",
        inStepOrder(log),
        String.join("\n", events));
    // Nothing succeeded before the interrupt: the output is complete and valid, and empty.
    assertTrue(Files.exists(output), log);
    assertEquals(Map.of(), countByKindAndType(output));
    assertNoTempFilesBeside(output);
  }

  /**
   * The human lines, comparable whole: durations are {@code <t>}, run ids {@code <run>}, retry waits (random, with
   * jitter) {@code <backoff>}, and the lines of each wave's steps, which end in any order, are in
   * the order of their step ids (each step's own lines keep theirs).
   */
  private static String inStepOrder(String stderr) {
    String normalized =
        DURATION.matcher(RETRY_WAIT.matcher(RUN_ID.matcher(stderr).replaceAll("<run>"))
            .replaceAll("$1<backoff>:")).replaceAll("$1<t>");
    StringBuilder out = new StringBuilder();
    List<String> steps = new ArrayList<>();
    for (String line : normalized.lines().toList()) {
      if (line.startsWith("  ")) {
        steps.add(line);
        continue;
      }
      appendInStepOrder(steps, out);
      out.append(line).append('\n');
    }
    appendInStepOrder(steps, out);
    return out.toString();
  }

  private static void appendInStepOrder(List<String> steps, StringBuilder out) {
    steps.sort(Comparator.comparing(line -> line.substring(2, line.indexOf(':')))); // stable
    for (String line : steps) {
      out.append(line).append('\n');
    }
    steps.clear();
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
}
