package dev.stepgraph.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stepgraph.runtime.StepContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A graph built by hand computes its own waves. */
class ConnectorGraphBuilderTest {
  private static final StepBody NOTHING = (StepContext ctx) -> {};

  private static List<List<String>> waves(ConnectorGraph graph) {
    return graph.waves().stream().map(w -> w.stream().map(StepDefinition::id).toList()).toList();
  }

  @Test
  void stepsAddedWithoutWavesGetOneMoreThanTheirHighestDependency() {
    ConnectorGraph graph =
        ConnectorGraph.builder("inventory", "")
            // Added before the steps it depends on: the order of adding does not matter.
            .step("relationships", "", List.of("users", "policies", "services"), NOTHING)
            .step("users", "", List.of(), NOTHING)
            .step("policies", "", List.of("roles"), NOTHING)
            .step("roles", "", List.of(), NOTHING)
            .step("services", "", List.of("hosts"), StepPolicy.DEFAULT.withTimeout(Duration.ofSeconds(5)), NOTHING)
            .step("hosts", "", List.of(), NOTHING)
            .build();

    assertEquals(
        List.of(
            List.of("users", "roles", "hosts"),
            List.of("policies", "services"),
            List.of("relationships")),
        waves(graph));
    assertEquals(Duration.ofSeconds(5), graph.step("services").policy().timeout());
  }

  @Test
  void givenAndComputedWavesMix() {
    ConnectorGraph graph =
        ConnectorGraph.builder("mixed", "")
            .step("a", "", List.of(), 0, NOTHING)
            .step("b", "", List.of("a"), NOTHING)
            .step("c", "", List.of("b"), 2, NOTHING)
            .build();

    assertEquals(List.of(List.of("a"), List.of("b"), List.of("c")), waves(graph));
  }

  @Test
  void aCycleAmongStepsWithoutWavesIsNamed() {
    ConnectorGraph.Builder builder =
        ConnectorGraph.builder("loop", "")
            .step("a", "", List.of("c"), NOTHING)
            .step("b", "", List.of("a"), NOTHING)
            .step("c", "", List.of("b"), NOTHING);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertEquals(
        "connector 'loop': steps depend on each other in a cycle: a -> c -> b -> a", e.getMessage());
  }

  @Test
  void anUnknownDependencyIsStillNamed() {
    ConnectorGraph.Builder builder =
        ConnectorGraph.builder("typo", "").step("policies", "", List.of("role"), NOTHING);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertEquals("connector 'typo': step 'policies' depends on unknown step 'role'", e.getMessage());
  }
}
