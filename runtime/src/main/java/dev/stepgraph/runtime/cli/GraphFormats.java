package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepDefinition;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code graph --format dot|mermaid}: the step graph, deterministic (wave, then declaration order). */
final class GraphFormats {
  private GraphFormats() {}

  static String dot(ConnectorGraph graph) {
    StringBuilder out = new StringBuilder();
    out.append("digraph ").append(quote(graph.id())).append(" {\n");
    out.append("  rankdir=LR;\n");
    List<List<StepDefinition>> waves = graph.waves();
    for (int i = 0; i < waves.size(); i++) {
      out.append("  { rank=same;");
      for (StepDefinition step : waves.get(i)) {
        out.append(' ').append(quote(step.id())).append(';');
      }
      out.append(" } // wave ").append(i).append('\n');
    }
    for (StepDefinition step : graph.steps()) {
      for (String dependency : step.dependsOn()) {
        out.append("  ").append(quote(dependency)).append(" -> ").append(quote(step.id()))
            .append(";\n");
      }
    }
    out.append("}\n");
    return out.toString();
  }

  static String mermaid(ConnectorGraph graph) {
    Map<String, String> nodeIds = new HashMap<>();
    Set<String> used = new HashSet<>();
    for (StepDefinition step : graph.steps()) {
      String node = step.id().replaceAll("[^A-Za-z0-9_]", "_");
      String unique = node;
      for (int n = 2; !used.add(unique); n++) {
        unique = node + "_" + n;
      }
      nodeIds.put(step.id(), unique);
    }
    StringBuilder out = new StringBuilder("flowchart LR\n");
    for (StepDefinition step : graph.steps()) {
      out.append("  ").append(nodeIds.get(step.id())).append("[\"")
          .append(step.id().replace("\"", "#quot;")).append("\"]\n");
    }
    for (StepDefinition step : graph.steps()) {
      for (String dependency : step.dependsOn()) {
        out.append("  ").append(nodeIds.get(dependency)).append(" --> ")
            .append(nodeIds.get(step.id())).append('\n');
      }
    }
    return out.toString();
  }

  private static String quote(String id) {
    return "\"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
