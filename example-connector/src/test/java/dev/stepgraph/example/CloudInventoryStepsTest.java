package dev.stepgraph.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.run.ConnectorRunner;
import dev.stepgraph.runtime.run.RunReport;
import dev.stepgraph.runtime.run.StepStatus;
import dev.stepgraph.runtime.store.RunStore;
import dev.stepgraph.testing.ConnectorTester;
import dev.stepgraph.testing.StepTestResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each step of the example connector tested alone against prior data the test gives it, and
 * {@code relationships} once after its upstream steps and once against what a recorded run holds
 * for them: what the README's "Testing a connector" shows.
 */
class CloudInventoryStepsTest {

  /**
   * The simulated API, without latency, with a small inventory; a new connector for every run, as
   * the connector keeps its API client.
   */
  private static final ConnectorTester TESTER =
      ConnectorTester.of(CloudInventoryConnector_StepGraph::create)
          .withConfig(Map.of("api.token", "test-token", "api.latency-ms", "0",
              "inventory.users", "4", "inventory.roles", "3",
              "inventory.hosts", "2", "inventory.services-per-host", "2"));

  @Test
  void aRequiredKeyTheTestDoesNotGiveStopsTheRunBeforeAnyStep() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> ConnectorTester.of(CloudInventoryConnector_StepGraph::create).step("users").run());

    assertEquals("required config key 'api.token' is not set: set environment variable API_TOKEN,"
        + " or pass --config FILE with 'api.token' in it (a ConnectorTester reads no file and no"
        + " environment variable: give every key with withConfig)", e.getMessage());
  }

  @Test
  void usersListsEveryUserWithTheirRoles() {
    StepTestResult result = TESTER.step("users").run();

    assertEquals(StepStatus.SUCCEEDED, result.status(), result.toString());
    assertEquals(List.of("u-0000", "u-0001", "u-0002", "u-0003"),
        result.entities("user").stream().map(Entity::key).toList());
    assertEquals(List.of("r-0", "r-1"), result.entities().get(0).property("roleIds"));
  }

  @Test
  void usersRetriesAnUnavailableApiAndFailsAfterThreeAttempts() {
    StepTestResult result = TESTER.withConfig("api.fail", "users").step("users").run();

    assertEquals(StepStatus.FAILED, result.status(), result.toString());
    assertEquals(3, result.attempts());
    assertEquals(2, result.backoffs().size(), "two backoffs, skipped by virtual time");
    assertEquals(List.of(), result.entities());
  }

  @Test
  void rolesListsEveryRoleAndWhetherItIsPrivileged() {
    StepTestResult result = TESTER.step("roles").run();

    assertEquals(StepStatus.SUCCEEDED, result.status(), result.toString());
    assertEquals(List.of("r-0", "r-1", "r-2"), result.entities("role").stream().map(Entity::key).toList());
    assertEquals(List.of(true, false, false),
        result.entities().stream().map(role -> role.property("privileged")).toList());
  }

  @Test
  void hostsListsEveryHostPageByPage() {
    StepTestResult result = TESTER.withConfig("api.page-size", "1").step("hosts").run();

    assertEquals(StepStatus.SUCCEEDED, result.status(), result.toString());
    assertEquals(List.of("i-5eed0000", "i-5eed0001"),
        result.entities("host").stream().map(Entity::key).toList());
  }

  @Test
  void policiesListsThePoliciesOfTheGivenRolesOnly() {
    StepTestResult result = TESTER.step("policies")
        .withPrior(Entity.of("role", "r-2").with("name", "auditor"))
        .run();

    assertEquals(StepStatus.SUCCEEDED, result.status(), result.toString());
    assertEquals(List.of("p-auditor-base", "p-auditor-mfa"),
        result.entities().stream().map(Entity::key).toList());
  }

  @Test
  void policiesSkipsWithoutRoles() {
    StepTestResult result = TESTER.step("policies").run();

    assertEquals(StepStatus.SKIPPED, result.status());
    assertEquals("no roles were collected", result.skipReason().orElseThrow());
  }

  @Test
  void servicesListsTheServicesOfEachGivenHost() {
    StepTestResult result = TESTER.step("services").withPrior(Entity.of("host", "i-1")).run();

    assertEquals(StepStatus.SUCCEEDED, result.status(), result.toString());
    assertEquals(List.of("i-1/nginx", "i-1/postgres"),
        result.entities("service").stream().map(Entity::key).toList());
    assertEquals("i-1", result.entities().get(0).property("hostId"));
  }

  @Test
  void relationshipsWiresWhatItIsGivenAndLeavesOutEdgesWithAMissingEnd() {
    StepTestResult result = TESTER.step("relationships")
        .withPrior(
            Entity.of("user", "u-1").with("roleIds", List.of("r-1", "r-missing")),
            Entity.of("role", "r-1"),
            Entity.of("policy", "p-1").with("roleId", "r-1"),
            Entity.of("host", "i-1"),
            Entity.of("service", "i-1/sshd").with("hostId", "i-1"))
        .run();

    assertEquals(StepStatus.SUCCEEDED, result.status(), result.toString());
    assertEquals(
        List.of(
            Relationship.of("user-has-role", "u-1", "r-1"),
            Relationship.of("role-has-policy", "r-1", "p-1"),
            Relationship.of("host-runs-service", "i-1", "i-1/sshd")),
        result.relationships());
    assertEquals(List.of("left out 1 relationships whose entities were not collected"),
        result.logMessages());
  }

  @Test
  void relationshipsAfterItsUpstreamStepsWiresTheWholeInventory() {
    StepTestResult result = TESTER.step("relationships").withUpstream().run();

    assertEquals(StepStatus.SUCCEEDED, result.status(), result.toString());
    // 4 users: u-0 and u-3 hold two roles; 3 roles with 2 policies each; 2 hosts x 2 services.
    assertEquals(6, result.relationships("user-has-role").size());
    assertEquals(6, result.relationships("role-has-policy").size());
    assertEquals(4, result.relationships("host-runs-service").size());
    assertTrue(result.logs().isEmpty(), result.toString());
  }

  @Test
  void relationshipsAgainstARecordedRunWiresWhatThatRunCollected(@TempDir Path state) {
    // Record a run once, in a store of its own, as `run --state DIR --run-id recorded` would; of
    // an account with more users than the tester's.
    Map<String, String> config = new java.util.HashMap<>(TESTER.config());
    config.put("inventory.users", "7");
    RunReport recorded = ConnectorRunner.builder(CloudInventoryConnector_StepGraph.create())
        .config(Config.of(config, Map.of()))
        .store(RunStore.directory(state))
        .runId("recorded")
        .build()
        .run();
    assertEquals(6, recorded.count(StepStatus.SUCCEEDED), recorded.toString());

    // Then work on the step against what its upstream steps recorded: no upstream API is called.
    StepTestResult result = TESTER.step("relationships")
        .withPriorFromRun(state, "recorded")
        .run();

    assertEquals(StepStatus.SUCCEEDED, result.status(), result.toString());
    assertEquals(recorded.step("relationships").orElseThrow().relationships(), result.relationships());
    assertEquals(10, result.relationships("user-has-role").size(), "7 users, not the tester's 4");
  }
}
