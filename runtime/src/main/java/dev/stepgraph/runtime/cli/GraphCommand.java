package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.graph.ConnectorGraph;

/** {@code graph [--format dot|mermaid]}: the step graph, for Graphviz (the default) or Mermaid. */
final class GraphCommand {
  private GraphCommand() {}

  static int execute(Options options, ConnectorChoice connectors, CliIo io) {
    String format = options.string("--format");
    ConnectorGraph graph = connectors.graph(options);
    if (format == null || format.equals("dot")) {
      io.out().print(GraphFormats.dot(graph));
    } else if (format.equals("mermaid")) {
      io.out().print(GraphFormats.mermaid(graph));
    } else {
      throw new UsageException("--format must be 'dot' or 'mermaid', was '" + format + "'");
    }
    return ExitCodes.printed(io, "the graph");
  }
}
