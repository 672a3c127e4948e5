package com.acme;

import dev.stepgraph.runtime.graph.ConfigKeyDefinition;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.ConnectorInstance;
import java.util.List;
import java.util.Objects;
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
    return build(ConnectorInstance.lazy(GithubConnector.class, GithubConnector::new));
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
    graph.step("members", "Collect members", List.<String>of(), 0,
        ctx -> connector.get().members(ctx));
    // Wave 1 (sequential): repos
    graph.step("repos", "Collect repositories", List.<String>of("members"), 1,
        ctx -> connector.get().repos(ctx));
    // Fingerprints, over each step's declaration, source (formatting and comments aside) and
    // upstream steps: a run store reuses a recorded result only while it is unchanged.
    graph.fingerprint("members", "0723ab865a07b03bd8b46c515f94140b");
    graph.fingerprint("repos", "8d43e44700a317171bd18b3d15ebd08f");
    return graph.build();
  }
}
