package dev.stepgraph.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FingerprintsTest {
  private static final StepBody NOTHING = ctx -> {};

  private static ConnectorGraph graph(StepPolicy hostsPolicy) {
    return ConnectorGraph.builder("aws-inventory", "")
        .step("users", "", List.of(), StepPolicy.DEFAULT, NOTHING)
        .step("hosts", "", List.of(), hostsPolicy, NOTHING)
        .step("services", "", List.of("hosts"), StepPolicy.DEFAULT, NOTHING)
        .build();
  }

  @Test
  void aDeclarationChangeChangesTheStepAndItsDownstreamOnly() {
    ConnectorGraph before = graph(StepPolicy.DEFAULT);
    ConnectorGraph after = graph(StepPolicy.DEFAULT.withTimeout(Duration.ofSeconds(5)));

    assertEquals(before.fingerprint("users"), after.fingerprint("users"));
    assertNotEquals(before.fingerprint("hosts"), after.fingerprint("hosts"));
    assertNotEquals(before.fingerprint("services"), after.fingerprint("services"));
  }

  @Test
  void aSelectionComputesTheFingerprintsOfTheWholeGraph() {
    ConnectorGraph graph = graph(StepPolicy.DEFAULT);

    assertEquals(graph.fingerprint("services"), graph.select(List.of("services")).fingerprint("services"));
    assertEquals(graph.fingerprint("hosts"), graph.select(List.of("services")).fingerprint("hosts"));
  }

  @Test
  void theSameDeclarationGivesTheSameFingerprint() {
    assertEquals(graph(StepPolicy.DEFAULT).fingerprints(), graph(StepPolicy.DEFAULT).fingerprints());
    assertEquals(32, graph(StepPolicy.DEFAULT).fingerprint("users").length());
  }

  @Test
  void contractOrderDoesNotCount() {
    ConnectorGraph a = ConnectorGraph.builder("c", "")
        .step("s", "", List.of(), StepPolicy.DEFAULT,
            new DataContract(new java.util.LinkedHashSet<>(List.of("a", "b")), Set.of()), NOTHING)
        .build();
    ConnectorGraph b = ConnectorGraph.builder("c", "")
        .step("s", "", List.of(), StepPolicy.DEFAULT,
            new DataContract(new java.util.LinkedHashSet<>(List.of("b", "a")), Set.of()), NOTHING)
        .build();

    assertEquals(a.fingerprint("s"), b.fingerprint("s"));
  }

  @Test
  void givenFingerprintsAreKeptAndSurviveASelection() {
    ConnectorGraph graph = ConnectorGraph.builder("c", "")
        .step("hosts", "", List.of(), 0, NOTHING)
        .step("services", "", List.of("hosts"), 1, NOTHING)
        .step("users", "", List.of(), 0, NOTHING)
        .fingerprint("hosts", "h1")
        .fingerprint("services", "s1")
        .build();

    assertEquals("h1", graph.fingerprint("hosts"));
    assertEquals("s1", graph.select(List.of("services")).fingerprint("services"));
    assertEquals("h1", graph.select(List.of("services")).fingerprint("hosts"));
  }

  @Test
  void theFingerprintsIterateInStepOrderWhicheverOrderTheyWereGivenIn() {
    ConnectorGraph inOrder = hostsAndServices("hosts", "services");
    ConnectorGraph reversed = hostsAndServices("services", "hosts");

    assertEquals(List.of("hosts=h1", "services=s1"), entries(inOrder));
    assertEquals(List.of("hosts=h1", "services=s1"), entries(reversed));
    assertThrows(UnsupportedOperationException.class, () -> inOrder.fingerprints().clear());
  }

  @Test
  void aBuilderUsedAgainAfterBuildLeavesTheGraphItBuiltAsItWas() {
    ConnectorGraph.Builder builder = ConnectorGraph.builder("c", "")
        .step("hosts", "", List.of(), 0, NOTHING)
        .fingerprint("hosts", "h1");
    ConnectorGraph first = builder.build();

    ConnectorGraph second = builder.fingerprint("hosts", "h2").build();

    assertEquals("h1", first.fingerprint("hosts"));
    assertEquals(List.of("hosts=h1"), entries(first));
    assertEquals("h2", second.fingerprint("hosts"));
  }

  /** Hosts, then services, given the fingerprints {@code <id's first letter>1} in this order. */
  private static ConnectorGraph hostsAndServices(String... fingerprintOrder) {
    ConnectorGraph.Builder builder = ConnectorGraph.builder("c", "")
        .step("hosts", "", List.of(), 0, NOTHING)
        .step("services", "", List.of("hosts"), 1, NOTHING);
    for (String stepId : fingerprintOrder) {
      builder.fingerprint(stepId, stepId.charAt(0) + "1");
    }
    return builder.build();
  }

  private static List<String> entries(ConnectorGraph graph) {
    return graph.fingerprints().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  @Test
  void aFingerprintOfAnUnknownStepIsAnError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConnectorGraph.builder("c", "").step("a", "", List.of(), 0, NOTHING)
            .fingerprint("b", "x").build());
    assertEquals("connector 'c': fingerprint of unknown step 'b'", e.getMessage());
  }
}
