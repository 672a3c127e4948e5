package dev.stepgraph.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.DataContract;
import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.run.ConnectorRunner;
import dev.stepgraph.runtime.run.RunReport;
import dev.stepgraph.runtime.run.StepStatus;
import dev.stepgraph.runtime.store.RunRecording;
import dev.stepgraph.runtime.store.RunStore;
import dev.stepgraph.runtime.store.RunStoreException;
import dev.stepgraph.testing.sample.SampleConnector;
import dev.stepgraph.testing.sample.SampleConnector_StepGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StepTest#withPriorFromRun}: a step against what a real run recorded in the directory
 * store for its upstream steps.
 */
class WithPriorFromRunTest {
  @TempDir Path state;

  /** Runs the graph for real, recording it in the store as {@code runId}. */
  private RunReport record(ConnectorGraph graph, String runId, Map<String, String> config, String... steps) {
    return ConnectorRunner.builder(graph)
        .config(Config.of(config, Map.of()))
        .store(RunStore.directory(state))
        .runId(runId)
        .steps(List.of(steps))
        .skipBackoff()
        .build()
        .run();
  }

  private static ConnectorTester sample() {
    return ConnectorTester.of(SampleConnector_StepGraph.create(new SampleConnector()))
        .withConfig("api.base-url", "http://fake");
  }

  /** The users file of a recorded run of the sample connector. */
  private Path usersFile(String runId) {
    return state.resolve("sample/runs").resolve(runId).resolve("steps/users.1.jsonl");
  }

  @Test
  void theStepSeesWhatTheRunRecordedForItsUpstreamStepsNotWhatTheyWouldCollectNow() {
    RunReport recorded = record(
        SampleConnector_StepGraph.create(new SampleConnector(List.of("r-5"), List.of("u-7", "u-8"))),
        "recorded", Map.of("api.base-url", "http://recorded"), "collaborators");
    assertEquals(3, recorded.count(StepStatus.SUCCEEDED), recorded.toString());

    StepTestResult result = sample().step("collaborators").withPriorFromRun(state, "recorded").run();

    assertEquals(StepStatus.SUCCEEDED, result.status(), result.toString());
    assertEquals(
        List.of(
            Relationship.of("repository-has-user", "r-5", "u-7"),
            Relationship.of("repository-has-user", "r-5", "u-8")),
        result.relationships());
    assertEquals(recorded.step("collaborators").orElseThrow().relationships(), result.relationships(),
        "what the step collected in the run itself");
  }

  @Test
  void anUnknownRunIsTheStoresProblemNamingTheStepAndTheRunsItHolds() {
    record(SampleConnector_StepGraph.create(new SampleConnector()), "recorded",
        Map.of("api.base-url", "http://fake"), "users");

    RunStoreException e = assertThrows(RunStoreException.class,
        () -> sample().step("collaborators").withPriorFromRun(state, "recordd"));

    assertEquals(RunStoreException.Problem.NOTHING_TO_RESUME, e.problem());
    assertEquals("step 'collaborators': the run store " + state + " holds no run recordd of sample;"
        + " did you mean 'recorded'? (runs, newest first: recorded)", e.getMessage());
  }

  @Test
  void aCorruptedStepFileIsDamagedNamingTheFile() throws Exception {
    record(SampleConnector_StepGraph.create(new SampleConnector()), "recorded",
        Map.of("api.base-url", "http://fake"), "collaborators");
    Path users = usersFile("recorded");
    Files.writeString(users, Files.readString(users).replace("u-1", "u-9"));

    RunStoreException e = assertThrows(RunStoreException.class,
        () -> sample().step("collaborators").withPriorFromRun(state, "recorded"));

    assertEquals(RunStoreException.Problem.DAMAGED_STEP, e.problem());
    assertTrue(e.getMessage().matches("\\Qstep 'collaborators': " + users
        + " fails its checksum (crc32c:\\E[0-9a-f]{8}, recorded crc32c:[0-9a-f]{8}\\)"), e.getMessage());
  }

  @Test
  void anUpstreamStepTheRunDidNotRecordIsAnErrorSayingWhatToDo() {
    record(SampleConnector_StepGraph.create(new SampleConnector()), "partial",
        Map.of("api.base-url", "http://fake"), "repositories");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> sample().step("collaborators").withPriorFromRun(state, "partial"));

    assertEquals("step 'collaborators': run partial in the run store " + state + " did not record"
        + " upstream step 'users' (it did not run), so it holds no prior data for it; record it"
        + " first (run --step users --resume partial --state " + state + "), or give the step its"
        + " prior data with withPrior, or run its upstream steps with withUpstream instead",
        e.getMessage());
  }

  /**
   * regions, then hosts (emits hosts and a secret), owners (fails or skips when told), services
   * (reads host only) and report (reads everything, downstream of them all).
   */
  private static ConnectorGraph inventory() {
    return ConnectorGraph.builder("inventory", "hosts and their services")
        .step("regions", "regions", List.of(), ctx -> ctx.emit(Entity.of("region", "eu")))
        .step("hosts", "hosts", List.of("regions"), ctx -> {
          ctx.emit(Entity.of("host", "h-1"));
          ctx.emit(Entity.of("secret", "s-1"));
        })
        .step("owners", "owners", List.of(), ctx -> {
          if (ctx.config().getBoolean("owners.skip", false)) {
            ctx.skip("no owners today");
          }
          if (ctx.config().getBoolean("owners.fail", false)) {
            throw new IllegalStateException("HTTP 500");
          }
          ctx.emit(Entity.of("owner", "o-1"));
        })
        .step("services", "services", List.of("hosts", "owners"), StepPolicy.DEFAULT,
            DataContract.of(Set.of("service"), Set.of("host")), ctx -> {
              ctx.log().info("types {}, failed {}", ctx.prior().entityTypes(),
                  new TreeSet<>(ctx.failedDependencies()));
              if (ctx.config().getBoolean("services.peek", false)) {
                ctx.prior().entitiesByType("secret");
              }
              for (Entity host : ctx.prior().entitiesByType("host")) {
                ctx.emit(Entity.of("service", host.key() + "/nginx"));
              }
            })
        .step("report", "report", List.of("services"), ctx ->
            ctx.log().info("types {}", new TreeSet<>(ctx.prior().entityTypes())))
        .build();
  }

  @Test
  void everyTransitiveUpstreamStepGivesItsDataAndReadsHoldAsInARealRun() {
    record(inventory(), "full", Map.of());
    ConnectorTester tester = ConnectorTester.of(inventory());

    StepTestResult report = tester.step("report").withPriorFromRun(state, "full").run();
    assertEquals(List.of("types [host, owner, region, secret, service]"), report.logMessages(),
        "all of its upstream steps, directly or not");

    StepTestResult services = tester.step("services").withPriorFromRun(state, "full").run();
    assertEquals(StepStatus.SUCCEEDED, services.status(), services.toString());
    assertEquals(List.of("types [host], failed []"), services.logMessages(),
        "the run recorded everything; the step sees what it reads");
    assertEquals(List.of(Entity.of("service", "h-1/nginx")), services.entities());

    StepTestResult peeking = tester.withConfig("services.peek", "true").step("services")
        .withPriorFromRun(state, "full").run();
    assertEquals(StepStatus.FAILED, peeking.status());
    assertEquals("step 'services' asked its prior data for entity type 'secret', which it does not"
        + " read: @Step(reads = {\"host\"}); add 'secret' to reads, or ask for one of those",
        peeking.failure().orElseThrow().getMessage());
  }

  @Test
  void anUpstreamStepRecordedAsSkippedIsSkippedForTheStepAsOnResume() {
    record(inventory(), "skipped", Map.of("owners.skip", "true"));

    StepTestResult services =
        ConnectorTester.of(inventory()).step("services").withPriorFromRun(state, "skipped").run();

    assertEquals(StepStatus.SUCCEEDED, services.status(), services.toString());
    assertEquals(List.of("types [host], failed [owners]"), services.logMessages());
  }

  @Test
  void anUpstreamStepThatFailedInTheRunIsAnError() {
    record(inventory(), "failed", Map.of("owners.fail", "true"));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConnectorTester.of(inventory()).step("services").withPriorFromRun(state, "failed"));

    assertTrue(e.getMessage().startsWith("step 'services': run failed in the run store " + state
        + " did not record upstream step 'owners' (it ended failed), so it holds no prior data for"
        + " it; record it first (run --step owners --resume failed --state " + state + ")"),
        e.getMessage());
  }

  @Test
  void givenPriorDataAddsToTheRecordedAndAKeyInBothIsAnError() {
    record(inventory(), "full", Map.of());
    StepTest services = ConnectorTester.of(inventory()).step("services");

    StepTestResult both = services.withPriorFromRun(state, "full")
        .withPrior(Entity.of("host", "h-2")).run();
    assertEquals(
        Set.of(Entity.of("service", "h-1/nginx"), Entity.of("service", "h-2/nginx")),
        Set.copyOf(both.entities()));

    String message = "step 'services': prior entity key 'h-1' is given with withPrior and recorded"
        + " by step 'hosts' in run full; a key is unique within a run";
    assertEquals(message, assertThrows(IllegalArgumentException.class,
        () -> services.withPriorFromRun(state, "full").withPrior(Entity.of("host", "h-1")))
        .getMessage());
    assertEquals(message, assertThrows(IllegalArgumentException.class,
        () -> services.withPrior(Entity.of("host", "h-1")).withPriorFromRun(state, "full"))
        .getMessage());
  }

  @Test
  void upstreamDataComesFromOneRunOrFromRunningTheStepsNotBoth() {
    record(inventory(), "full", Map.of());
    StepTest services = ConnectorTester.of(inventory()).step("services");
    String both = "step 'services': withUpstream runs the upstream steps, withPriorFromRun takes what"
        + " a run recorded for them: use one of them";

    assertEquals(both, assertThrows(IllegalStateException.class,
        () -> services.withUpstream().withPriorFromRun(state, "full")).getMessage());
    assertEquals(both, assertThrows(IllegalStateException.class,
        () -> services.withPriorFromRun(state, "full").withUpstream()).getMessage());
    assertEquals("step 'services' already takes its prior data from run full: a test reads one"
        + " recorded run", assertThrows(IllegalStateException.class,
            () -> services.withPriorFromRun(state, "full").withPriorFromRun(state, "full"))
        .getMessage());
  }

  @Test
  void theStoreIsReadWhileARunWritesToItAndNothingIsWritten() throws Exception {
    record(inventory(), "full", Map.of());
    Path manifest = state.resolve("inventory/runs/full/manifest.jsonl");
    byte[] before = Files.readAllBytes(manifest);

    StepTestResult result;
    try (RunRecording writing = RunStore.directory(state)
        .create("inventory", "writing", Instant.now(), List.of(), Map.of())) {
      result = ConnectorTester.of(inventory()).step("services").withPriorFromRun(state, "full").run();
    }

    assertEquals(StepStatus.SUCCEEDED, result.status(), result.toString());
    assertArrayEquals(before, Files.readAllBytes(manifest));
    assertEquals("StepTest[services, 0 prior entities, 0 prior relationships, upstream from run full]",
        ConnectorTester.of(inventory()).step("services").withPriorFromRun(state, "full").toString());
  }
}
