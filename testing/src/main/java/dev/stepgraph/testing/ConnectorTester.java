package dev.stepgraph.testing;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Tests a connector's steps: one step against given prior data, one step after its upstream
 * steps, or the whole graph. Every run goes through the runtime's own engine, so policies
 * (timeouts, retries, skipping), {@code ctx.skip}, data contracts and the unique-key check behave
 * exactly as in a real run; only time is virtual: a retry does not wait out its backoff.
 *
 * <pre>{@code
 * StepTestResult result =
 *     ConnectorTester.of(GithubConnector_StepGraph.create(new GithubConnector(fakeApi)))
 *         .withConfig("api.base-url", server.url())
 *         .step("collaborators")
 *         .withPrior(Entity.of("repository", "r-1"), Entity.of("user", "u-1"))
 *         .run();
 * assertEquals(StepStatus.SUCCEEDED, result.status(), result.toString());
 * }</pre>
 *
 * <p>Immutable: each {@code with...} returns a new tester, so one configured tester can serve
 * many tests. Works with any test framework; results print readably in assertion messages.
 */
public final class ConnectorTester {
  private final Supplier<ConnectorGraph> graphs;
  private final ConnectorGraph graph;
  private final Map<String, String> config;

  private ConnectorTester(Supplier<ConnectorGraph> graphs, ConnectorGraph graph, Map<String, String> config) {
    this.graphs = graphs;
    this.graph = graph;
    this.config = config;
  }

  /**
   * A tester of this graph, without configuration. Every run calls the same connector instance,
   * so what it keeps in its fields (a client, a cache) carries over from one run to the next; to
   * give each run a new connector, pass the graph's factory instead: {@link #of(Supplier)}.
   */
  public static ConnectorTester of(ConnectorGraph graph) {
    Objects.requireNonNull(graph, "graph");
    return new ConnectorTester(() -> graph, graph, Map.of());
  }

  /**
   * A tester that builds a new graph, and with it a new connector, for every run: {@code
   * ConnectorTester.of(GithubConnector_StepGraph::create)}. Use it when the connector keeps state
   * between steps (a client created from the configuration, say), so that one test's run does not
   * see another's.
   */
  public static ConnectorTester of(Supplier<ConnectorGraph> graphs) {
    Objects.requireNonNull(graphs, "graphs");
    return new ConnectorTester(graphs, Objects.requireNonNull(graphs.get(), "graphs.get()"), Map.of());
  }

  /** The graph for the next run: a new one when this tester was made from a factory. */
  ConnectorGraph graphForRun() {
    return Objects.requireNonNull(graphs.get(), "graphs.get()");
  }

  /** This tester with one more configuration entry, as {@code --config} would give it. */
  public ConnectorTester withConfig(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Map<String, String> more = new LinkedHashMap<>(config);
    more.put(key, value);
    return new ConnectorTester(graphs, graph, java.util.Collections.unmodifiableMap(more));
  }

  /** This tester with these configuration entries added (a later value for a key wins). */
  public ConnectorTester withConfig(Map<String, String> entries) {
    Map<String, String> more = new LinkedHashMap<>(config);
    entries.forEach((key, value) -> more.put(
        Objects.requireNonNull(key, "config key"), Objects.requireNonNull(value, "value of " + key)));
    return new ConnectorTester(graphs, graph, java.util.Collections.unmodifiableMap(more));
  }

  /**
   * A test of one step: by default it runs alone, against the prior data the test gives it.
   *
   * @throws IllegalArgumentException for an unknown step id, with "did you mean" and the known ids
   */
  public StepTest step(String stepId) {
    Objects.requireNonNull(stepId, "stepId");
    if (graph.step(stepId) == null) {
      try {
        graph.select(List.of(stepId));
      } catch (IllegalArgumentException unknown) {
        throw new IllegalArgumentException(
            "connector '" + graph.id() + "': " + unknown.getMessage(), unknown);
      }
    }
    StepDefinition step = Objects.requireNonNull(graph.step(stepId));
    return new StepTest(this, step);
  }

  /** Runs every step of the graph, with this configuration and virtual time. */
  public ConnectorTestResult run() {
    return new ConnectorTestResult(TesterRun.run(graphForRun(), config));
  }

  /** The graph under test. */
  public ConnectorGraph graph() {
    return graph;
  }

  /** The configuration the runs get. */
  public Map<String, String> config() {
    return config;
  }

  @Override
  public String toString() {
    return "ConnectorTester[" + graph.id() + ", config keys " + config.keySet() + "]";
  }
}
