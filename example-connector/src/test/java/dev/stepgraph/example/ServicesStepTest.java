package dev.stepgraph.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.run.StepStatus;
import dev.stepgraph.testing.ConnectorTester;
import dev.stepgraph.testing.StepTestResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServicesStepTest {
  // A new connector for every run (it keeps its API client), with this configuration.
  private static final ConnectorTester TESTER =
      ConnectorTester.of(CloudInventoryConnector_StepGraph::create)
          .withConfig(Map.of("api.token", "test-token", "api.latency-ms", "0",
              "inventory.services-per-host", "2"));

  @Test
  void servicesListsTheServicesOfEachGivenHost() {
    StepTestResult result = TESTER.step("services")
        .withPrior(Entity.of("host", "i-1"))    // its prior data: this host, nothing else
        .run();

    assertEquals(StepStatus.SUCCEEDED, result.status(), result.toString());
    assertEquals(List.of("i-1/nginx", "i-1/postgres"),
        result.entities("service").stream().map(Entity::key).toList());
  }

  @Test
  void relationshipsAfterItsUpstreamStepsWiresTheWholeInventory() {
    StepTestResult result = TESTER.step("relationships").withUpstream().run();

    assertEquals(StepStatus.SUCCEEDED, result.status(), result.toString());
    assertEquals(List.of(Relationship.of("host-runs-service", "i-5eed0000", "i-5eed0000/nginx")),
        result.relationships("host-runs-service").subList(0, 1));
  }

  @Test
  void usersRetriesAnUnavailableApiThreeTimes() {
    StepTestResult result = TESTER.withConfig("api.fail", "users").step("users").run();

    assertEquals(StepStatus.FAILED, result.status());
    assertEquals(3, result.attempts());         // its @Retry backoff is skipped: virtual time
    assertEquals(2, result.backoffs().size());  // the delays it would have waited
  }
}
