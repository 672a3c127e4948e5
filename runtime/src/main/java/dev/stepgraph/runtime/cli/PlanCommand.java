package dev.stepgraph.runtime.cli;

import dev.stepgraph.Schedule;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepDefinition;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code plan [--step ID]...}: the waves of the selected steps, one line each (for an EAGER
 * connector, with a line saying when steps start), then the steps' policies and data contracts and
 * the connector's configuration keys, if any; runs nothing.
 */
final class PlanCommand {
  private PlanCommand() {}

  static int execute(Options options, ConnectorChoice connectors, CliIo io) {
    // Not a runner: the plan needs no configuration, and checks none.
    ConnectorGraph graph = connectors.selected(options);
    PrintStream out = io.out();
    List<List<StepDefinition>> waves = graph.waves();
    for (int i = 0; i < waves.size(); i++) {
      List<String> ids = new ArrayList<>();
      for (StepDefinition step : waves.get(i)) {
        ids.add(step.id());
      }
      out.println(Formats.waveLine(i, ids));
    }
    if (graph.schedule() == Schedule.EAGER) {
      out.println(
          "Schedule: eager, each step starts as soon as every step it depends on has finished");
    }
    List<String> policies = new ArrayList<>();
    List<String> data = new ArrayList<>();
    for (StepDefinition step : graph.steps()) {
      addLine(policies, step, step.policy().describe());
      addLine(data, step, step.contract().describe());
    }
    section(out, "Policies:", policies);
    section(out, "Data:", data);
    ConfigKeysText.section(out, "Configuration:", graph);
    return ExitCodes.printed(io, "the plan");
  }

  /** A step's line of a section, if it has something to say. */
  private static void addLine(List<String> lines, StepDefinition step, String text) {
    if (!text.isEmpty()) {
      lines.add("  " + step.id() + ": " + text);
    }
  }

  /** A titled block of one line per step that has something to say; nothing if none has. */
  private static void section(PrintStream out, String title, List<String> lines) {
    if (!lines.isEmpty()) {
      out.println();
      out.println(title);
      for (String line : lines) {
        out.println(line);
      }
    }
  }
}
