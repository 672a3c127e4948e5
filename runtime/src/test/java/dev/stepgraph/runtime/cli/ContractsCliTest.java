package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepgraph.Schedule;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.DataContract;
import dev.stepgraph.runtime.graph.StepPolicy;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** plan and graph show the data contracts and the schedule. */
class ContractsCliTest {
  /** In declaration order, as the processor generates it: Set.of has no fixed order. */
  private static Set<String> ordered(String... types) {
    return new LinkedHashSet<>(List.of(types));
  }

  private static ConnectorGraph graph(Schedule schedule) {
    return ConnectorGraph.builder("inventory", "")
        .schedule(schedule)
        .step("hosts", "", List.of(), StepPolicy.DEFAULT,
            new DataContract(Set.of("host"), Set.of()), ctx -> ctx.emit(Entity.of("host", "h-1")))
        .step("users", "", List.of(), ctx -> ctx.emit(Entity.of("user", "u-1")))
        .step("services", "", List.of("hosts", "users"),
            StepPolicy.DEFAULT.withTimeout(Duration.ofMinutes(5)),
            new DataContract(ordered("service", "service-runs-on"), Set.of("host")), ctx -> {})
        .step("report", "", List.of("services"), ctx -> {})
        .build();
  }

  @Test
  void planShowsWhenEagerStepsStartAndWhatEachStepReadsAndEmits() {
    Terminal terminal = new Terminal();

    assertEquals(0, terminal.run(graph(Schedule.EAGER), "plan"));

    assertEquals(
        String.join("\n",
            "Wave 0 (parallel): hosts, users",
            "Wave 1 (sequential): services",
            "Wave 2 (sequential): report",
            "Schedule: eager, each step starts as soon as every step it depends on has finished",
            "",
            "Policies:",
            "  services: timeout 5m",
            "",
            "Data:",
            "  hosts: emits host",
            "  services: reads host; emits service, service-runs-on",
            ""),
        terminal.out());
  }

  @Test
  void aWavesConnectorsPlanSaysNothingOfTheSchedule() {
    Terminal terminal = new Terminal();

    assertEquals(0, terminal.run(graph(Schedule.WAVES), "plan"));

    assertEquals(
        "Wave 0 (parallel): hosts, users\nWave 1 (sequential): services\n"
            + "Wave 2 (sequential): report\n\nPolicies:\n  services: timeout 5m\n\nData:\n"
            + "  hosts: emits host\n  services: reads host; emits service, service-runs-on\n",
        terminal.out());
  }

  @Test
  void graphEdgesAreLabelledWithTheTypesThatFlowAlongThem() {
    Terminal dot = new Terminal();
    Terminal mermaid = new Terminal();

    assertEquals(0, dot.run(graph(Schedule.EAGER), "graph"));
    assertEquals(0, mermaid.run(graph(Schedule.EAGER), "graph", "--format", "mermaid"));

    assertEquals(
        String.join("\n",
            "digraph \"inventory\" {",
            "  rankdir=LR;",
            "  { rank=same; \"hosts\"; \"users\"; } // wave 0",
            "  { rank=same; \"services\"; } // wave 1",
            "  { rank=same; \"report\"; } // wave 2",
            "  \"hosts\" -> \"services\" [label=\"host\"];",
            "  \"users\" -> \"services\";",
            "  \"services\" -> \"report\" [label=\"service, service-runs-on\"];",
            "}",
            ""),
        dot.out());
    assertEquals(
        String.join("\n",
            "flowchart LR",
            "  hosts[\"hosts\"]",
            "  users[\"users\"]",
            "  services[\"services\"]",
            "  report[\"report\"]",
            "  hosts -->|\"host\"| services",
            "  users --> services",
            "  services -->|\"service, service-runs-on\"| report",
            ""),
        mermaid.out());
  }
}
