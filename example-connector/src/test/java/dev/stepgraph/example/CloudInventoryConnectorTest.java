package dev.stepgraph.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.graph.ConfigKeyDefinition;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.run.ConnectorRunner;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.graph.RetryPolicy;
import dev.stepgraph.runtime.run.RunEvent;
import dev.stepgraph.runtime.run.RunListener;
import dev.stepgraph.runtime.run.RunReport;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.run.StepResult;
import dev.stepgraph.runtime.run.StepStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The example connector run in-process through its generated graph: how a connector author tests
 * a connector without starting a process.
 */
class CloudInventoryConnectorTest {

  private static RunReport run(Map<String, String> config) {
    return run(config, event -> {});
  }

  /** The token every run needs, as a test passes it: in the environment, where secrets belong. */
  private static final Map<String, String> TOKEN = Map.of("API_TOKEN", "test-token-1234");

  private static RunReport run(Map<String, String> config, RunListener listener) {
    return ConnectorRunner.builder(CloudInventoryConnector_StepGraph.create())
        .config(Config.of(config, TOKEN))
        .listener(listener)
        .build()
        .run();
  }

  @Test
  void theGeneratedGraphHasTheWavesOfTheStepModel() {
    ConnectorGraph graph = CloudInventoryConnector_StepGraph.create();

    assertEquals("cloud-inventory", graph.id());
    assertEquals(
        List.of(
            List.of("users", "roles", "hosts"),
            List.of("policies", "services"),
            List.of("relationships")),
        graph.waves().stream()
            .map(wave -> wave.stream().map(StepDefinition::id).toList())
            .toList());
    assertEquals(
        "Collects the policies attached to each role collected by roles",
        graph.step("policies").description(),
        "the description is the first sentence of the method's Javadoc");
  }

  @Test
  void relationshipsAreWiredFromTheEntitiesOfEarlierWaves() {
    RunReport report =
        run(Map.of("api.latency-ms", "0", "inventory.users", "4", "inventory.roles", "3"));

    assertTrue(report.succeeded(), report.toString());
    // User 0 holds roles 0 and 1, user 3 holds roles 0 and 1 (3 % 3 == 0), others one role.
    assertEquals(
        List.of("u-0000->r-0", "u-0000->r-1", "u-0001->r-1", "u-0002->r-2", "u-0003->r-0", "u-0003->r-1"),
        edges(report, "user-has-role"));
    assertEquals(36, edges(report, "host-runs-service").size());
    assertEquals(
        "i-5eed0000",
        report.entities().stream()
            .filter(e -> e.key().equals("i-5eed0000/nginx"))
            .map(e -> e.property("hostId"))
            .findFirst()
            .orElseThrow());
  }

  @Test
  void theStepsCarryThePoliciesDeclaredOnTheirAnnotations() {
    ConnectorGraph graph = CloudInventoryConnector_StepGraph.create();

    assertEquals(
        StepPolicy.DEFAULT
            .withTimeout(Duration.ofMinutes(2))
            .withRetry(
                RetryPolicy.of(3, Duration.ofMillis(500), 2.0, Duration.ofMinutes(1), 0.2)),
        graph.step("users").policy());
    assertEquals(
        StepPolicy.DEFAULT.withTimeout(Duration.ofMinutes(5)).withSkipOnDependencyFailure(true),
        graph.step("services").policy());
    assertEquals(
        StepPolicy.DEFAULT.withTimeout(Duration.ofMinutes(1)),
        graph.step("relationships").policy());
  }

  @Test
  void whenHostsFailServicesIsSkippedAndRelationshipsStillRuns() {
    RunReport report = run(Map.of("api.latency-ms", "0", "api.fail", "hosts"));

    StepResult hosts = report.step("hosts").orElseThrow();
    assertEquals(StepStatus.FAILED, hosts.status());
    assertEquals(3, hosts.attempts(), "hosts retried twice");
    StepResult services = report.step("services").orElseThrow();
    assertEquals(StepStatus.SKIPPED, services.status());
    assertEquals("dependency 'hosts' failed", services.reason());
    assertEquals(StepStatus.SUCCEEDED, report.step("relationships").orElseThrow().status());
    Map<String, Long> types = countByType(report.entities());
    assertEquals(null, types.get("host"));
    assertEquals(null, types.get("service"));
    assertEquals(40L, types.get("user"));
    assertEquals(List.of(), edges(report, "host-runs-service"));
    assertEquals(54, edges(report, "user-has-role").size());
  }

  @Test
  void aFlakyEndpointSucceedsOnItsSecondAttempt() {
    RunReport report =
        run(Map.of("api.latency-ms", "0", "api.flaky", "roles", "api.flaky-failures", "1"));

    StepResult roles = report.step("roles").orElseThrow();
    assertEquals(StepStatus.SUCCEEDED, roles.status());
    assertEquals(2, roles.attempts());
    assertEquals(6L, countByType(report.entities()).get("role"), "no role twice, none lost");
    assertTrue(report.succeeded(), report.toString());
  }

  @Test
  void aRefusedCredentialFailsAtOnceAndPoliciesSkipsItself() {
    List<RunEvent.StepLog> logs = new ArrayList<>();
    RunReport report =
        run(
            Map.of("api.latency-ms", "0", "api.unauthorized", "roles"),
            event -> {
              if (event instanceof RunEvent.StepLog log) {
                logs.add(log);
              }
            });

    StepResult roles = report.step("roles").orElseThrow();
    assertEquals(StepStatus.FAILED, roles.status());
    assertEquals(1, roles.attempts(), "an authentication failure is not retried");
    assertEquals(
        "NonRetryableException: HTTP 401 Unauthorized from GET /v1/roles: the API token '****' was"
            + " refused; check api.token",
        roles.reason(),
        "the token is a secret: masked");
    StepResult policies = report.step("policies").orElseThrow();
    assertEquals(StepStatus.SKIPPED, policies.status());
    assertEquals("no roles were collected", policies.reason());
    // Every user -> role edge lost its target; relationships says so instead of failing.
    assertEquals(StepStatus.SUCCEEDED, report.step("relationships").orElseThrow().status());
    assertEquals(List.of(), edges(report, "user-has-role"));
    assertEquals(
        List.of("relationships WARN left out 54 relationships whose entities were not collected"),
        logs.stream().map(l -> l.stepId() + " " + l.level() + " " + l.message()).toList());
  }

  @Test
  void everyKeyTheConnectorReadsIsDeclaredAndOnlyTheTokenIsRequired() {
    ConnectorGraph graph = CloudInventoryConnector_StepGraph.create();
    Config config = Config.of(Map.of("api.latency-ms", "0"), TOKEN);
    Set<String> read = new TreeSet<>();
    Config recording = new Config() {
      @Override public Optional<String> get(String key) {
        read.add(key);
        return config.get(key);
      }

      @Override public String require(String key) {
        read.add(key);
        return config.require(key);
      }

      @Override public int getInt(String key, int defaultValue) {
        read.add(key);
        return config.getInt(key, defaultValue);
      }

      @Override public long getLong(String key, long defaultValue) {
        read.add(key);
        return config.getLong(key, defaultValue);
      }

      @Override public boolean getBoolean(String key, boolean defaultValue) {
        read.add(key);
        return config.getBoolean(key, defaultValue);
      }

      @Override public Set<String> keys() {
        return config.keys();
      }
    };

    assertTrue(ConnectorRunner.builder(graph).config(recording).build().run().succeeded());

    Set<String> declared = new TreeSet<>();
    for (ConfigKeyDefinition key : graph.configKeys()) {
      declared.add(key.name());
    }
    assertEquals(declared, read, "the keys the connector reads are the keys it declares");
    assertEquals(
        List.of("api.token"),
        graph.configKeys().stream().filter(ConfigKeyDefinition::required).map(ConfigKeyDefinition::name).toList());
    assertEquals(
        List.of("api.token"),
        graph.configKeys().stream().filter(ConfigKeyDefinition::secret).map(ConfigKeyDefinition::name).toList());
  }

  @Test
  void aRunWithoutTheTokenStopsBeforeAnyStep() {
    ConnectorRunner.Builder runner =
        ConnectorRunner.builder(CloudInventoryConnector_StepGraph.create())
            .config(Config.of(Map.of("api.latency-ms", "0"), Map.of()));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, runner::build);

    assertEquals(
        "required config key 'api.token' is not set: set environment variable API_TOKEN, or pass"
            + " --config FILE with 'api.token' in it",
        e.getMessage());
  }

  private static List<String> edges(RunReport report, String type) {
    return report.relationships().stream()
        .filter(r -> r.type().equals(type))
        .map(r -> r.fromKey() + "->" + r.toKey())
        .sorted()
        .toList();
  }

  private static Map<String, Long> countByType(List<Entity> entities) {
    return entities.stream()
        .collect(Collectors.groupingBy(Entity::type, TreeMap::new, Collectors.counting()));
  }
}
