package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.NonRetryableException;
import dev.stepgraph.runtime.graph.RetryPolicy;
import dev.stepgraph.runtime.run.RunEvent;
import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.run.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Step policies on the command line: plan, human and JSON events, exit codes. */
@Timeout(120)
class StepPoliciesCliTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final StepPolicy SKIP = StepPolicy.DEFAULT.withSkipOnDependencyFailure(true);
  /** Retries at once: the command line has no sleeper to inject. */
  private static final StepPolicy RETRY_3 =
      StepPolicy.DEFAULT.withRetry(RetryPolicy.of(3, Duration.ZERO, 1.0, Duration.ZERO, 0));

  private static String normalize(String text) {
    return HumanLines.normalize(text);
  }

  /** The inventory of {@link Graphs#inventory()} with policies on two steps. */
  private static ConnectorGraph inventoryWithPolicies() {
    return ConnectorGraph.builder("aws-inventory", "")
        .step("users", "", List.of(), 0,
            StepPolicy.DEFAULT
                .withTimeout(Duration.ofSeconds(30))
                .withRetry(
                    RetryPolicy.of(3, Duration.ofMillis(500), 2.0, Duration.ofMinutes(1), 0.2)),
            ctx -> {})
        .step("roles", "", List.of(), 0, ctx -> {})
        .step("hosts", "", List.of(), 0, ctx -> {})
        .step("policies", "", List.of("roles"), 1, ctx -> {})
        .step("services", "", List.of("hosts"), 1, SKIP, ctx -> {})
        .step("relationships", "", List.of("users", "policies"), 2, ctx -> {})
        .build();
  }

  @Test
  void planListsThePoliciesOfStepsWithANonDefaultPolicyAfterTheWaves() {
    Terminal terminal = new Terminal();

    int exit = terminal.run(inventoryWithPolicies(), "plan");

    assertEquals(0, exit);
    assertEquals(
        "Wave 0 (parallel): users, roles, hosts\n"
            + "Wave 1 (parallel): policies, services\n"
            + "Wave 2 (sequential): relationships\n"
            + "\n"
            + "Policies:\n"
            + "  users: timeout 30s, retry 3 attempts (backoff 500ms, x2.0, max 1m, jitter 0.2)\n"
            + "  services: on dependency failure skip\n",
        terminal.out());
  }

  @Test
  void planOfASelectionShowsOnlyThePoliciesOfTheSelectedSteps() {
    Terminal terminal = new Terminal();

    int exit = terminal.run(inventoryWithPolicies(), "plan", "--step", "policies");

    assertEquals(0, exit);
    assertEquals(
        "Wave 0 (sequential): roles\nWave 1 (sequential): policies\n", terminal.out());

    // A selected step keeps its own policy (users' is left out with users).
    Terminal services = new Terminal();
    assertEquals(0, services.run(inventoryWithPolicies(), "plan", "--step", "services"));
    assertEquals(
        "Wave 0 (sequential): hosts\nWave 1 (sequential): services\n"
            + "\n"
            + "Policies:\n"
            + "  services: on dependency failure skip\n",
        services.out());
  }

  /** hosts fails, users times out, services skips, groups retries and succeeds. */
  private static ConnectorGraph mixed(CountDownLatch never, AtomicInteger groupCalls) {
    return ConnectorGraph.builder("mixed", "")
        .step("hosts", "", List.of(), 0, RETRY_3, ctx -> {
          throw new IllegalStateException("HTTP 503");
        })
        .step("users", "", List.of(), 0,
            StepPolicy.DEFAULT.withTimeout(Duration.ofMillis(20)), ctx -> never.await())
        .step("groups", "", List.of(), 0, RETRY_3, ctx -> {
          if (groupCalls.incrementAndGet() == 1) {
            throw new IllegalStateException("HTTP 429");
          }
          ctx.emit(Entity.of("group", "g-1"));
        })
        .step("services", "", List.of("hosts"), 1, SKIP, ctx -> {})
        .step("roles", "", List.of("groups"), 1, SKIP, ctx -> ctx.emit(Entity.of("role", "r-1")))
        .build();
  }

  @Test
  void humanEventsShowRetriesTimeoutsSkipsAndCountEveryOutcome() {
    CountDownLatch never = new CountDownLatch(1);
    Terminal terminal = new Terminal();

    int exit = terminal.run(mixed(never, new AtomicInteger()));
    never.countDown();

    assertEquals(1, exit, "a failed or timed out step means exit code 1");
    List<String> lines = normalize(terminal.err()).lines().toList();
    assertTrue(lines.contains("  hosts: attempt 2/3 after 0ms: IllegalStateException: HTTP 503"),
        lines.toString());
    assertTrue(lines.contains("  hosts: attempt 3/3 after 0ms: IllegalStateException: HTTP 503"),
        lines.toString());
    assertTrue(
        lines.contains("  hosts: FAILED after 3 attempts in <t>: IllegalStateException: HTTP 503"),
        lines.toString());
    assertTrue(lines.contains("  users: TIMED OUT after 20ms"), lines.toString());
    assertTrue(lines.contains("  groups: attempt 2/3 after 0ms: IllegalStateException: HTTP 429"),
        lines.toString());
    assertTrue(lines.contains("  groups: completed in <t> after 2 attempts, 1 group"),
        lines.toString());
    assertEquals("Wave 1 (parallel): services, roles", lines.get(lines.size() - 4));
    assertEquals("  services: SKIPPED: dependency 'hosts' failed", lines.get(lines.size() - 3));
    assertEquals("  roles: completed in <t>, 1 role", lines.get(lines.size() - 2));
    assertEquals(
        "Finished in <t>: 2 succeeded, 1 failed, 1 skipped, 1 timed out",
        lines.get(lines.size() - 1));
  }

  @Test
  void jsonEventsShowRetriesTimeoutsSkipsAndTheTimedOutCount() {
    CountDownLatch never = new CountDownLatch(1);
    Terminal terminal = new Terminal();

    int exit = terminal.run(mixed(never, new AtomicInteger()), "--events", "json");
    never.countDown();

    assertEquals(1, exit);
    String time = "\"time\":\"[^\"]+\"";
    List<String> lines = terminal.out().lines().toList();
    assertMatches(lines,
        "\\{\"event\":\"step-retrying\"," + time + ",\"step\":\"hosts\",\"attempt\":2,"
            + "\"attempts\":3,\"delayMs\":0,\"error\":\"IllegalStateException: HTTP 503\","
            + "\"errorType\":\"java.lang.IllegalStateException\"}");
    assertMatches(lines,
        "\\{\"event\":\"step-failed\"," + time + ",\"step\":\"hosts\",\"durationMs\":\\d+,"
            + "\"error\":\"IllegalStateException: HTTP 503\","
            + "\"errorType\":\"java.lang.IllegalStateException\",\"attempts\":3,"
            + "\"stackTrace\":\"java.lang.IllegalStateException: HTTP 503\\\\n\\\\tat .*\"}");
    assertMatches(lines,
        "\\{\"event\":\"step-timed-out\"," + time + ",\"step\":\"users\",\"durationMs\":\\d+,"
            + "\"timeoutMs\":20,\"attempts\":1}");
    assertMatches(lines,
        "\\{\"event\":\"step-skipped\"," + time + ",\"step\":\"services\","
            + "\"reason\":\"dependency 'hosts' failed\"}");
    assertMatches(lines,
        "\\{\"event\":\"run-finished\"," + time + ",\"durationMs\":\\d+,\"cancelled\":false,"
            + "\"steps\":\\{\"succeeded\":2,\"failed\":1,\"timed_out\":1,\"skipped\":1,"
            + "\"cancelled\":0,\"not_run\":0,\"reused\":0}}");
  }

  private static void assertMatches(List<String> lines, String pattern) {
    for (String line : lines) {
      if (line.matches(pattern)) {
        return;
      }
    }
    throw new AssertionError("no line matches " + pattern + " in\n" + String.join("\n", lines));
  }

  @Test
  void aTimedOutStepAloneMeansExitCode1() {
    CountDownLatch never = new CountDownLatch(1);
    Terminal terminal = new Terminal();
    ConnectorGraph graph =
        ConnectorGraph.builder("slow", "")
            .step("users", "", List.of(), 0,
                StepPolicy.DEFAULT.withTimeout(Duration.ofMillis(20)), ctx -> never.await())
            .build();

    int exit = terminal.run(graph);
    never.countDown();

    assertEquals(1, exit);
    assertTrue(normalize(terminal.err()).contains("Finished in <t>: 0 succeeded, 1 timed out\n"),
        terminal.err());
  }

  @Test
  void skippedStepsAreNotFailuresAndTheExitCodeIs0() {
    Terminal terminal = new Terminal();
    ConnectorGraph graph =
        ConnectorGraph.builder("skipping", "")
            .step("org", "", List.of(), 0, ctx -> ctx.skip("no organization configured"))
            .step("accounts", "", List.of("org"), 1, SKIP, ctx -> {})
            .step("users", "", List.of(), 0, ctx -> ctx.emit(Entity.of("user", "u-1")))
            .build();

    int exit = terminal.run(graph);

    assertEquals(0, exit, terminal.err());
    String err = normalize(terminal.err());
    assertTrue(err.contains("  org: SKIPPED: no organization configured\n"), err);
    assertTrue(err.contains("  accounts: SKIPPED: dependency 'org' was skipped\n"), err);
    assertTrue(err.contains("Finished in <t>: 1 succeeded, 2 skipped\n"), err);
  }

  @Test
  void aNonRetryableFailureIsPrintedWithoutAttemptCount() {
    Terminal terminal = new Terminal();
    ConnectorGraph graph =
        ConnectorGraph.builder("auth", "")
            .step("users", "", List.of(), 0, RETRY_3, ctx -> {
              throw new NonRetryableException("HTTP 401");
            })
            .build();

    int exit = terminal.run(graph);

    assertEquals(1, exit);
    String err = normalize(terminal.err());
    assertTrue(err.contains("  users: FAILED after <t>: NonRetryableException: HTTP 401\n"), err);
    assertTrue(!err.contains("attempt"), err);
  }

  @Test
  void humanLinesOfPolicyEventsAreExact() {
    assertEquals(
        "  users: attempt 2/3 after 2s: ApiException: HTTP 503 Service Unavailable",
        HumanEvents.format(
            new RunEvent.StepRetrying(T, "users", 2, 3, Duration.ofSeconds(2),
                new ApiException("HTTP 503 Service Unavailable"))));
    assertEquals(
        "  users: TIMED OUT after 30s",
        HumanEvents.format(
            new RunEvent.StepTimedOut(T, "users", Duration.ofSeconds(30), Duration.ofSeconds(30), 1)));
    assertEquals(
        "  users: TIMED OUT after 1m30s (3 attempts in 4m32s)",
        HumanEvents.format(
            new RunEvent.StepTimedOut(
                T, "users", Duration.ofSeconds(272), Duration.ofSeconds(90), 3)));
    assertEquals(
        "  services: SKIPPED: dependency 'hosts' failed",
        HumanEvents.format(new RunEvent.StepSkipped(T, "services", "dependency 'hosts' failed")));
    assertEquals(
        "  users: FAILED after 3 attempts in 1.2s: ApiException: HTTP 503",
        HumanEvents.format(
            new RunEvent.StepFailed(T, "users", Duration.ofMillis(1200),
                new ApiException("HTTP 503"), 3)));
    assertEquals(
        "Finished in 1.2s: 4 succeeded, 1 failed, 1 skipped, 1 timed out",
        HumanEvents.format(
            new RunEvent.RunFinished(
                T,
                Map.of(StepStatus.SUCCEEDED, 4, StepStatus.FAILED, 1, StepStatus.SKIPPED, 1,
                    StepStatus.TIMED_OUT, 1),
                Duration.ofMillis(1200),
                false)));
    assertEquals(
        "TimeoutException: timed out after 30s",
        new RunEvent.StepFailed(T, "x", Duration.ZERO, new TimeoutException("timed out after 30s"))
            .errorSummary());
  }

  private static final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ApiException(String message) {
      super(message);
    }
  }
}
