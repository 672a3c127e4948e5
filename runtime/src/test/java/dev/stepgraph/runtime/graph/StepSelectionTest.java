package dev.stepgraph.runtime.graph;

import dev.stepgraph.runtime.run.ConnectorRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StepSelectionTest {
  private static final StepBody NOTHING = ctx -> {};

  static ConnectorGraph inventory() {
    return ConnectorGraph.builder("aws-inventory", "")
        .step("users", "", List.of(), 0, NOTHING)
        .step("roles", "", List.of(), 0, NOTHING)
        .step("hosts", "", List.of(), 0, NOTHING)
        .step("policies", "", List.of("roles"), 1, NOTHING)
        .step("services", "", List.of("hosts"), 1, NOTHING)
        .step("relationships", "", List.of("users", "policies"), 2, NOTHING)
        .build();
  }

  private static List<List<String>> waves(ConnectorGraph graph) {
    List<List<String>> waves = new ArrayList<>();
    for (List<StepDefinition> wave : graph.waves()) {
      waves.add(wave.stream().map(StepDefinition::id).toList());
    }
    return waves;
  }

  @Test
  void selectingAStepKeepsItAndEverythingUpstreamInTheirWaves() {
    ConnectorGraph selected = StepSelection.select(inventory(), Set.of("relationships"));

    assertEquals(
        List.of(List.of("users", "roles"), List.of("policies"), List.of("relationships")),
        waves(selected));
    assertEquals("aws-inventory", selected.id());
  }

  @Test
  void emptyWavesAreDroppedAndTheRestRenumbered() {
    ConnectorGraph selected = StepSelection.select(inventory(), Set.of("users", "services"));

    assertEquals(List.of(List.of("users", "hosts"), List.of("services")), waves(selected));
  }

  @Test
  void noSelectionMeansTheWholeGraph() {
    ConnectorGraph graph = inventory();

    assertSame(graph, StepSelection.select(graph, Set.of()));
  }

  @Test
  void anUnknownStepIsNamedWithASuggestionAndTheKnownSteps() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ConnectorRunner.builder(inventory()).steps(List.of("polices")).build());

    assertEquals(
        "unknown step 'polices'; did you mean 'policies'? (steps: users, roles, hosts, policies,"
            + " services, relationships)",
        e.getMessage());
  }

  @Test
  void anUnknownStepFarFromEveryIdGetsNoSuggestion() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StepSelection.select(inventory(), Set.of("zzzzzzzz")));

    assertEquals(
        "unknown step 'zzzzzzzz' (steps: users, roles, hosts, policies, services, relationships)",
        e.getMessage());
  }
}
