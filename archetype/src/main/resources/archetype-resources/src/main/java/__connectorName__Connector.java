package ${package};

import dev.stepgraph.Step;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.StepContext;
import java.util.List;

/**
 * The connector: each {@code @Step} method collects one kind of data, and {@code dependsOn} names
 * the steps whose data it reads. The annotation processor checks the graph when you compile and
 * generates {@code ${connectorName}Connector_StepGraph} and a runnable {@code ConnectorMain} beside
 * this class.
 */
public class ${connectorName}Connector {

  /** Collects the hosts. */
  @Step(id = "hosts")
  void hosts(StepContext ctx) {
    // Call your API here; ctx.config().require("api.token") reads --config FILE or the environment.
    for (String name : List.of("web", "db")) {
      ctx.checkCancelled();
      ctx.emit(Entity.of("host", "host-" + name).with("name", name));
    }
  }

  /** Collects the service each host collected by hosts runs. */
  @Step(id = "services", dependsOn = "hosts")
  void services(StepContext ctx) {
    for (Entity host : ctx.prior().entitiesByType("host")) {
      String service = "service-" + host.property("name");
      ctx.emit(Entity.of("service", service).with("hostId", host.key()));
      ctx.emit(Relationship.of("host-runs-service", host.key(), service));
    }
  }
}
