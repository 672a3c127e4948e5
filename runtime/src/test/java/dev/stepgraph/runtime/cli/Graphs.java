package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import java.util.List;

/** Hand-built graphs, as the processor would generate them. */
final class Graphs {
  private Graphs() {}

  /** users, roles, hosts; policies, services; relationships. */
  static ConnectorGraph inventory() {
    return ConnectorGraph.builder("aws-inventory", "An inventory")
        .step("users", "", List.of(), 0, ctx -> ctx.emit(Entity.of("user", "u-1").with("name", "Ann")))
        .step("roles", "", List.of(), 0, ctx -> ctx.emit(Entity.of("role", "r-1")))
        .step("hosts", "", List.of(), 0, ctx -> ctx.emit(Entity.of("host", "h-1").with("cpus", 4)))
        .step("policies", "", List.of("roles"), 1, ctx -> ctx.emit(Entity.of("policy", "p-1")))
        .step("services", "", List.of("hosts"), 1, ctx -> ctx.emit(Entity.of("service", "s-1")))
        .step("relationships", "", List.of("users", "policies"), 2, ctx -> {
          for (Entity user : ctx.prior().entitiesByType("user")) {
            ctx.emit(Relationship.of("has-policy", user.key(), "p-1"));
          }
        })
        .build();
  }

  /** Two steps, one of which fails. */
  static ConnectorGraph halfFailing() {
    return ConnectorGraph.builder("half", "")
        .step("good", "", List.of(), 0, ctx -> ctx.emit(Entity.of("user", "u-1")))
        .step("bad", "", List.of(), 0, ctx -> {
          ctx.emit(Entity.of("user", "u-2"));
          throw new IllegalStateException("API timeout");
        })
        .build();
  }
}
