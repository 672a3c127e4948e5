package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.run.ConnectorRunner;
import dev.stepgraph.runtime.run.RunReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the connector in-process, through its generated graph, as the command line does. */
class ${connectorName}ConnectorTest {

  @Test
  void collectsTheHostsAndTheServiceEachRuns() {
    RunReport report = ConnectorRunner.builder(${connectorName}Connector_StepGraph.create()).build().run();

    assertTrue(report.succeeded(), report.toString());
    assertEquals(
        List.of("host-db", "host-web", "service-db", "service-web"),
        report.entities().stream().map(Entity::key).sorted().toList());
    assertEquals(
        List.of("host-db->service-db", "host-web->service-web"),
        report.relationships().stream().map(r -> r.fromKey() + "->" + r.toKey()).sorted().toList());
  }
}
