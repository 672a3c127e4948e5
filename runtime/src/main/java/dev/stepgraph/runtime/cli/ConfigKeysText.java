package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.graph.ConfigKeyDefinition;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import java.io.PrintStream;
import java.util.List;

/**
 * The declared configuration keys as {@code plan} and {@code --help} list them, one line each:
 * {@code api.token (API_TOKEN): required, secret; API token}. Never a value.
 */
final class ConfigKeysText {
  private ConfigKeysText() {}

  /** {@code   api.token (API_TOKEN): required, secret; API token}, indented by two spaces. */
  static String line(ConfigKeyDefinition key) {
    String text = key.describe();
    return "  " + key.name() + " (" + key.environmentVariable() + ")"
        + (text.isEmpty() ? "" : ": " + Formats.terminalSafe(text));
  }

  /** A blank line, the title and the keys' lines; nothing if the graph declares no key. */
  static void section(PrintStream out, String title, ConnectorGraph graph) {
    List<ConfigKeyDefinition> keys = graph.configKeys();
    if (keys.isEmpty()) {
      return;
    }
    out.println();
    out.println(title);
    for (ConfigKeyDefinition key : keys) {
      out.println(line(key));
    }
  }

  /**
   * What {@code --help} of {@code run} adds: the keys of the connector, or of each connector of a
   * package of several (the chosen one only, with {@code --connector}).
   */
  static void help(PrintStream out, List<ConnectorGraph> graphs) {
    String overrides = " (--config FILE; the environment variable after each key overrides it):";
    for (ConnectorGraph graph : graphs) {
      section(out, graphs.size() == 1 ? "Configuration" + overrides
          : "Configuration of connector " + graph.id() + overrides, graph);
    }
  }
}
