package dev.stepgraph.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.run.StepStatus;
import dev.stepgraph.testing.sample.SampleConnector;
import dev.stepgraph.testing.sample.SampleConnector_StepGraph;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The harness on a connector compiled by the processor, as a user's connector is. */
class ConnectorTesterTest {

  private static ConnectorTester tester() {
    return ConnectorTester.of(SampleConnector_StepGraph.create(new SampleConnector()))
        .withConfig("api.base-url", "http://localhost:8080");
  }

  @Test
  void aStepRunsAloneAgainstThePriorDataTheTestGives() {
    StepTestResult result = tester()
        .step("collaborators")
        .withPrior(Entity.of("repository", "r-9"), Entity.of("user", "u-7"), Entity.of("user", "u-8"))
        .run();

    assertEquals(StepStatus.SUCCEEDED, result.status(), result.toString());
    assertEquals(
        List.of(
            Relationship.of("repository-has-user", "r-9", "u-7"),
            Relationship.of("repository-has-user", "r-9", "u-8")),
        result.relationships());
    assertEquals(result.relationships(), result.relationships("repository-has-user"));
    assertEquals(List.of(), result.relationships("other"));
    assertEquals(List.of(), result.entities());
    assertEquals(1, result.attempts());
    assertEquals(List.of(new LogLine("INFO", "listing collaborators at http://localhost:8080")),
        result.logs());
    assertEquals(List.of("listing collaborators at http://localhost:8080"), result.logMessages());
    assertTrue(result.failure().isEmpty());
    assertTrue(result.skipReason().isEmpty());
  }

  @Test
  void theStepSeesOnlyTheGivenPriorDataNotWhatItsUpstreamStepsWouldCollect() {
    StepTestResult result = tester().step("collaborators")
        .withPrior(Entity.of("repository", "r-9"))
        .run();

    assertEquals(StepStatus.SUCCEEDED, result.status(), result.toString());
    assertEquals(List.of(), result.relationships(), "no user was given, and users did not run");
  }

  @Test
  void relationshipsCanBeGivenToo() {
    StepTestResult result = ConnectorTester.of(SampleConnector_StepGraph.create(new SampleConnector()))
        .step("quiet")
        .withPrior(Relationship.of("team-has-user", "t-1", "u-1"))
        .run();

    assertEquals(StepStatus.SKIPPED, result.status());
  }

  @Test
  void withUpstreamRunsTheUpstreamStepsForRealFirst() {
    StepTestResult result = ConnectorTester.of(
            SampleConnector_StepGraph.create(new SampleConnector(List.of("r-1"), List.of("u-1", "u-2"))))
        .withConfig(Map.of("api.base-url", "http://fake"))
        .step("collaborators")
        .withUpstream()
        .run();

    assertEquals(StepStatus.SUCCEEDED, result.status(), result.toString());
    assertEquals(
        List.of(
            Relationship.of("repository-has-user", "r-1", "u-1"),
            Relationship.of("repository-has-user", "r-1", "u-2")),
        result.relationships());
  }

  @Test
  void withUpstreamAddsTheGivenPriorDataToTheirs() {
    StepTestResult result = tester().step("collaborators")
        .withUpstream()
        .withPrior(Entity.of("user", "u-extra"))
        .run();

    assertEquals(StepStatus.SUCCEEDED, result.status(), result.toString());
    assertEquals(4, result.relationships().size(), result.relationships().toString());
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES) // a guard against a hang: real backoff is 30 minutes
  void retryBackoffIsVirtualAndTheDelaysAreReported() {
    StepTestResult result = tester().step("flaky").run();

    assertEquals(StepStatus.SUCCEEDED, result.status(), result.toString());
    assertEquals(3, result.attempts());
    assertEquals(List.of(Duration.ofMinutes(10), Duration.ofMinutes(20)), result.backoffs());
    assertEquals(List.of(Entity.of("team", "t-3")), result.entities(), "only the last attempt's");
    assertEquals(List.of("attempt 1", "attempt 2", "attempt 3"), result.logMessages());
  }

  @Test
  void aStepThatThrowsFailsWithItsExceptionAndEmitsNothing() {
    StepTestResult result = tester().step("broken").withPrior(Entity.of("user", "u-1")).run();

    assertEquals(StepStatus.FAILED, result.status());
    assertInstanceOf(NullPointerException.class, result.failure().orElseThrow());
    assertEquals("SampleConnector.java", result.failureLocation().orElseThrow().getFileName());
    assertTrue(result.toString().contains(" (at SampleConnector.java:"), result.toString());
    assertEquals(java.util.Set.of(), result.failedDependencies());
    assertTrue(!result.partial());
    assertEquals(List.of(), result.entities());
    assertEquals(1, result.attempts());
  }

  @Test
  void aSkippedStepSaysWhy() {
    StepTestResult result = tester().step("quiet").run();

    assertEquals(StepStatus.SKIPPED, result.status());
    assertEquals("nothing changed since the last run", result.skipReason().orElseThrow());
    assertEquals(List.of(), result.entities(), "what a skipped step emitted is discarded");
  }

  @Test
  void anUndeclaredEmitFailsTheStepAsInARealRun() {
    StepTestResult result = tester().step("sneaky").run();

    assertEquals(StepStatus.FAILED, result.status());
    assertEquals(
        "step 'sneaky' emitted entity type 'group', which it does not declare: @Step(emits ="
            + " {\"user\"}); add 'group' to emits, or emit one of those",
        result.failure().orElseThrow().getMessage());
    assertEquals(1, result.attempts(), "not retried");
  }

  @Test
  void aKeyAlreadyInThePriorDataFailsTheStepAsInARealRun() {
    StepTestResult result = tester().step("admins").withPrior(Entity.of("user", "u-1")).run();

    assertEquals(StepStatus.FAILED, result.status(), result.toString());
    assertTrue(result.failure().orElseThrow().getMessage().contains("'u-1'"), result.toString());
  }

  @Test
  void withTimeoutOverridesTheStepsTimeout() {
    StepTestResult result = tester().withConfig("slow.hang", "true")
        .step("slow").withTimeout(Duration.ofMillis(50)).run();

    assertEquals(StepStatus.TIMED_OUT, result.status());
    assertEquals(List.of(), result.entities());
  }

  @Test
  void aMissingConfigurationKeyFailsTheStep() {
    StepTestResult result = ConnectorTester.of(SampleConnector_StepGraph.create(new SampleConnector()))
        .step("collaborators")
        .run();

    assertEquals(StepStatus.FAILED, result.status());
    assertTrue(result.failure().orElseThrow().getMessage().contains("api.base-url"), result.toString());
  }

  @Test
  void anUnknownStepIsAnErrorWithASuggestion() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> tester().step("colaborators"));

    assertEquals(
        "connector 'sample': unknown step 'colaborators'; did you mean 'collaborators'? (steps:"
            + " repositories, users, flaky, quiet, sneaky, slow, collaborators, broken, admins)",
        e.getMessage());
  }

  @Test
  void givingAStepATypeItDoesNotReadIsAnError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> tester().step("collaborators").withPrior(Entity.of("team", "t-1")));

    assertEquals(
        "step 'collaborators' reads only repository, user: an entity of type 'team' (key 't-1') is"
            + " prior data it could never see; give it only types it reads, or add 'team' to its"
            + " @Step(reads = ...)",
        e.getMessage());
    IllegalArgumentException relationship = assertThrows(IllegalArgumentException.class,
        () -> tester().step("collaborators").withPrior(Relationship.of("team-has-user", "t-1", "u-1")));
    assertTrue(relationship.getMessage().contains("a relationship of type 'team-has-user' (t-1 -> u-1)"),
        relationship.getMessage());
  }

  @Test
  void aKeyGivenTwiceIsAnError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> tester().step("collaborators").withPrior(Entity.of("user", "u-1"))
            .withPrior(Entity.of("user", "u-1")));

    assertEquals(
        "step 'collaborators': prior entity key 'u-1' is given twice; a key is unique within a run",
        e.getMessage());
  }

  @Test
  void theWholeGraphRunsWithTheSameConfigurationAndVirtualTime() {
    ConnectorTestResult result = tester().run();

    assertEquals(StepStatus.SUCCEEDED, result.step("collaborators").status());
    assertEquals(StepStatus.SUCCEEDED, result.step("flaky").status());
    assertEquals(StepStatus.FAILED, result.step("admins").status(), "u-1 is emitted by users too");
    assertEquals(List.of(Entity.of("repository", "r-1"), Entity.of("repository", "r-2")),
        result.entities("repository"));
    assertEquals(2, result.relationships("repository-has-user").size());
    assertEquals(9, result.steps().size());
    assertTrue(!result.succeeded());
    assertThrows(IllegalArgumentException.class, () -> result.step("nope"));
  }

  @Test
  void resultsPrintReadablyInAssertionMessages() {
    StepTestResult flaky = tester().step("flaky").run();
    StepTestResult broken = tester().step("broken").run();

    assertEquals(
        "step 'flaky': SUCCEEDED after 3 attempts\n"
            + "  emitted: 1 team, 0 relationships\n"
            + "  backoffs skipped: PT10M, PT20M\n"
            + "  log: WARN attempt 1\n"
            + "  log: WARN attempt 2\n"
            + "  log: WARN attempt 3",
        flaky.toString());
    assertTrue(broken.toString().startsWith("step 'broken': FAILED after 1 attempt: NullPointerException"),
        broken.toString());
    assertTrue(broken.toString().contains("\n  emitted: nothing (a step's emissions count only if it succeeds)"),
        broken.toString());
  }

  @Test
  void aTesterOfAGraphFactoryGivesEveryRunANewConnector() {
    ConnectorTester shared = ConnectorTester.of(SampleConnector_StepGraph.create(new SampleConnector()));
    ConnectorTester fresh = ConnectorTester.of(SampleConnector_StepGraph::create);

    assertEquals(3, shared.step("flaky").run().attempts());
    assertEquals(1, shared.step("flaky").run().attempts(), "the same connector: its counter went on");
    assertEquals(3, fresh.step("flaky").run().attempts());
    assertEquals(3, fresh.step("flaky").run().attempts(), "a new connector, a new counter");
  }

  @Test
  void testersAreImmutable() {
    ConnectorTester base = ConnectorTester.of(SampleConnector_StepGraph.create(new SampleConnector()));
    ConnectorTester configured = base.withConfig("api.base-url", "http://x");

    assertEquals(Map.of(), base.config());
    assertEquals(Map.of("api.base-url", "http://x"), configured.config());
    StepTest plain = configured.step("collaborators");
    plain.withPrior(Entity.of("user", "u-1"));
    assertEquals(List.of(), plain.run().relationships());
  }
}
