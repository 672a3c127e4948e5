package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code graph --format dot|mermaid}: the step graph, deterministic (wave, then declaration order).
 * An edge is labelled with the types that flow along it, where the steps declare them: what the
 * upstream step emits and the downstream step reads (all it emits, if the downstream step does not
 * declare what it reads).
 */
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
        String label = flowing(graph, dependency, step);
        out.append("  ").append(quote(dependency)).append(" -> ").append(quote(step.id()))
            .append(label.isEmpty() ? "" : " [label=" + quote(label) + "]").append(";\n");
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
        String label = flowing(graph, dependency, step);
        out.append("  ").append(nodeIds.get(dependency)).append(" -->")
            .append(label.isEmpty() ? "" : "|\"" + label.replace("\"", "#quot;") + "\"|")
            .append(' ').append(nodeIds.get(step.id())).append('\n');
      }
    }
    return out.toString();
  }

  /** The types that flow from {@code upstream} to {@code step}, comma-separated; empty if unknown. */
  private static String flowing(ConnectorGraph graph, String upstream, StepDefinition step) {
    StepDefinition from = graph.step(upstream);
    if (from == null || !from.contract().declaresEmits()) {
      return "";
    }
    List<String> types = new ArrayList<>();
    for (String type : from.contract().emits()) {
      if (!step.contract().declaresReads() || step.contract().reads().contains(type)) {
        types.add(type);
      }
    }
    return String.join(", ", types);
  }

  private static String quote(String id) {
    return "\"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
