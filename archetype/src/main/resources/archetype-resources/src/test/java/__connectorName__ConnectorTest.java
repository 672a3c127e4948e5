package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.run.StepStatus;
import dev.stepgraph.testing.ConnectorTestResult;
import dev.stepgraph.testing.ConnectorTester;
import dev.stepgraph.testing.StepTestResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tests of the connector with stepgraph-testing: one step against prior data the test gives it,
 * and the whole graph, through the runtime's own engine.
 */
class ${connectorName}ConnectorTest {
  // A new connector for every run, as the command line makes one.
  private static final ConnectorTester TESTER = ConnectorTester.of(${connectorName}Connector_StepGraph::create);

  @Test
  void servicesFindsTheServiceOfEachGivenHost() {
    StepTestResult result = TESTER.step("services")
        .withPrior(Entity.of("host", "host-web").with("name", "web"))  // its prior data: this host only
        .run();

    assertEquals(StepStatus.SUCCEEDED, result.status(), result.toString());
    assertEquals(List.of("service-web"), result.entities("service").stream().map(Entity::key).toList());
    assertEquals(List.of(Relationship.of("host-runs-service", "host-web", "service-web")),
        result.relationships("host-runs-service"));
  }

  @Test
  void theConnectorCollectsTheHostsAndTheServiceEachRuns() {
    ConnectorTestResult result = TESTER.run();

    assertTrue(result.succeeded(), result.toString());
    assertEquals(
        List.of("host-db", "host-web", "service-db", "service-web"),
        result.entities().stream().map(Entity::key).sorted().toList());
  }
}
