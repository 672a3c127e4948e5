package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepDefinition;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code plan [--step ID]...}: the waves of the selected steps, one line each, then the steps'
 * policies, if any; runs nothing.
 */
final class PlanCommand {
  private PlanCommand() {}

  static int execute(Options options, ConnectorChoice connectors, CliIo io) {
    ConnectorGraph graph = ConnectorChoice.build(connectors.runner(options)).graph();
    PrintStream out = io.out();
    List<List<StepDefinition>> waves = graph.waves();
    for (int i = 0; i < waves.size(); i++) {
      List<String> ids = new ArrayList<>();
      for (StepDefinition step : waves.get(i)) {
        ids.add(step.id());
      }
      out.println(Formats.waveLine(i, ids));
    }
    List<String> policies = new ArrayList<>();
    for (StepDefinition step : graph.steps()) {
      String policy = step.policy().describe();
      if (!policy.isEmpty()) {
        policies.add("  " + step.id() + ": " + policy);
      }
    }
    if (!policies.isEmpty()) {
      out.println();
      out.println("Policies:");
      for (String line : policies) {
        out.println(line);
      }
    }
    return ExitCodes.printed(io, "the plan");
  }
}
