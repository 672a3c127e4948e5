package com.acme;

import dev.stepgraph.runtime.StepContext;
import dev.stepgraph.runtime.graph.ConfigKeyDefinition;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.ConnectorInstance;
import dev.stepgraph.runtime.graph.StepBody;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * Step graph of connector {@code github}, generated from {@link GithubConnector}.
 *
 * <p>Collects the members and repositories of a GitHub organization
 *
 * <pre>
 * Wave 0 (sequential): members
 * Wave 1 (sequential): repos
 * </pre>
 *
 * <p>Configuration:
 *
 * <pre>
 * api.token (API_TOKEN): required, secret; Personal access token with read:org scope
 * api.base-url (API_BASE_URL): Where the API is, default https://api.github.com
 * org (ORG): required; The organization &lt;login&gt; &amp; more
 * api.page-size (API_PAGE_SIZE)
 * </pre>
 */
@Generated("dev.stepgraph.processor.StepGraphProcessor")
public final class GithubConnector_StepGraph {
  /**
   * The connector id.
   */
  public static final String CONNECTOR_ID = "github";

  /**
   * How many waves the graph has.
   */
  public static final int WAVE_COUNT = 2;

  private GithubConnector_StepGraph() {
  }

  /**
   * The graph of a new {@link GithubConnector}, created when the graph first runs.
   *
   * <p>Its no-argument constructor runs once, before the first step of the first run; building
   * the graph, as {@code plan} and {@code graph} do, does not run it.
   */
  public static ConnectorGraph create() {
    // A class, not a method reference: every lambda costs the JVM start-up time (invokedynamic)
    Supplier<GithubConnector> constructor = new Supplier<GithubConnector>() {
      @Override
      public GithubConnector get() {
        return new GithubConnector();
      }
    };
    return build(ConnectorInstance.lazy(GithubConnector.class, constructor));
  }

  /**
   * The graph of the given connector instance (for embedding and tests).
   *
   * @throws NullPointerException if {@code connector} is null
   */
  public static ConnectorGraph create(GithubConnector connector) {
    Objects.requireNonNull(connector,
        "connector is null: pass an instance of GithubConnector, or call create() to let the run create one");
    return build(ConnectorInstance.of(connector));
  }

  private static ConnectorGraph build(ConnectorInstance<GithubConnector> connector) {
    ConnectorGraph.Builder graph = ConnectorGraph.builder(CONNECTOR_ID,
        "Collects the members and repositories of a GitHub organization", connector);
    // Configuration keys, checked before the first step
    graph.configKey(ConfigKeyDefinition.required("api.token",
        "Personal access token with read:org scope").asSecret());
    graph.configKey(ConfigKeyDefinition.optional("api.base-url",
        "Where the API is, default https://api.github.com"));
    graph.configKey(ConfigKeyDefinition.required("org", "The organization <login> & more"));
    graph.configKey(ConfigKeyDefinition.optional("api.page-size", ""));
    // Wave 0 (sequential): members
    graph.step("members", "Collect members", List.<String>of(), 0, new Steps(connector, 0));
    // Wave 1 (sequential): repos
    graph.step("repos", "Collect repositories", List.<String>of("members"), 1,
        new Steps(connector, 1));
    // Fingerprints, over each step's declaration, source (formatting and comments aside) and
    // upstream steps: a run store reuses a recorded result only while it is unchanged.
    graph.fingerprint("members", "0723ab865a07b03bd8b46c515f94140b");
    graph.fingerprint("repos", "8d43e44700a317171bd18b3d15ebd08f");
    return graph.build();
  }

  /**
   * Runs the steps: {@code new Steps(connector, n)} is the body of the {@code n}th step
   * {@code build()} registers (counting from 0), and runs {@code case n} of {@link #run}.
   */
  private static final class Steps implements StepBody {
    private final ConnectorInstance<GithubConnector> connector;

    private final int step;

    private Steps(ConnectorInstance<GithubConnector> connector, int step) {
      this.connector = connector;
      this.step = step;
    }

    @Override
    public void run(StepContext ctx) throws Exception {
      GithubConnector instance = connector.get();
      switch (step) {
        case 0 -> instance.members(ctx);
        case 1 -> instance.repos(ctx);
        default -> throw new IllegalStateException("no step " + step);
      }
    }
  }
}
