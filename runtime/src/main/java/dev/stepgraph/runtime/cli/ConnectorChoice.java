package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.internal.Suggestions;
import dev.stepgraph.runtime.run.ConnectorRunner;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Which connector a command works on: the one of its package, or, for a package of several, the
 * one {@code --connector ID} names. A connector's graph is built only once it is chosen.
 */
final class ConnectorChoice {
  private final @Nullable Supplier<ConnectorGraph> single;
  private final Map<String, Supplier<ConnectorGraph>> several;
  private final List<String> sortedIds;

  private ConnectorChoice(
      @Nullable Supplier<ConnectorGraph> single, Map<String, Supplier<ConnectorGraph>> several) {
    this.single = single;
    this.several = several;
    this.sortedIds = List.copyOf(new TreeSet<>(several.keySet()));
  }

  /** The only connector of its package. */
  static ConnectorChoice of(Supplier<ConnectorGraph> connector) {
    return new ConnectorChoice(connector, Map.of());
  }

  /** The connectors of a package, by id, chosen with {@code --connector}. */
  static ConnectorChoice among(Map<String, Supplier<ConnectorGraph>> connectors) {
    return new ConnectorChoice(null, connectors);
  }

  /** The ids {@code --connector} chooses from, sorted; null when there is nothing to choose. */
  @Nullable List<String> choices() {
    return single == null ? sortedIds : null;
  }

  /**
   * The graph of the chosen connector.
   *
   * @throws UsageException if {@code --connector} is missing or names no connector
   */
  ConnectorGraph graph(Options options) {
    if (single != null) {
      return single.get();
    }
    String ids = String.join(", ", sortedIds);
    String id = options.string("--connector");
    if (id == null) {
      throw new UsageException(
          "this package has several connectors; choose one with --connector ID (connectors: "
              + ids + ")");
    }
    Supplier<ConnectorGraph> supplier = several.get(id);
    if (supplier == null) {
      throw new UsageException(
          "unknown connector '" + id + "'" + Suggestions.didYouMean(id, sortedIds)
              + " (connectors: " + ids + ")");
    }
    return supplier.get();
  }

  /**
   * The graphs whose configuration {@code --help} lists: the chosen connector's, or, when {@code
   * --connector} chooses none that exists, every connector's, by id.
   */
  List<ConnectorGraph> forHelp(@Nullable String connectorId) {
    if (single != null) {
      return List.of(single.get());
    }
    Supplier<ConnectorGraph> chosen = connectorId == null ? null : several.get(connectorId);
    if (chosen != null) {
      return List.of(chosen.get());
    }
    return sortedIds.stream().map(id -> several.get(id).get()).toList();
  }

  /**
   * The graph of the chosen connector, of the steps {@code --step} selects and those upstream.
   *
   * @throws UsageException if {@code --connector} or {@code --step} names nothing there is
   */
  ConnectorGraph selected(Options options) {
    try {
      return graph(options).select(options.steps());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** A runner of the chosen connector, for the steps {@code --step} selects. */
  ConnectorRunner.Builder runner(Options options) {
    return ConnectorRunner.builder(graph(options)).steps(options.steps());
  }

  /**
   * Builds the runner.
   *
   * @throws UsageException if {@code --step} names a step the connector does not have, or the
   *     configuration does not hold to the connector's declared keys
   */
  static ConnectorRunner build(ConnectorRunner.Builder builder) {
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
