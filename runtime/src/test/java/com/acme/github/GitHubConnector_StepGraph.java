package com.acme.github;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.ConnectorInstance;
import dev.stepgraph.runtime.graph.RetryPolicy;
import dev.stepgraph.runtime.graph.StepPolicy;
import java.time.Duration;
import java.util.List;

/** The graph of {@link GitHubConnector} as the processor generates one: lambdas calling its methods. */
public final class GitHubConnector_StepGraph {
  private GitHubConnector_StepGraph() {}

  public static ConnectorGraph create() {
    ConnectorInstance<GitHubConnector> connector =
        ConnectorInstance.lazy(GitHubConnector.class, GitHubConnector::new);
    return ConnectorGraph.builder("github", "", connector)
        .step("members", "", List.of(), 0, ctx -> connector.get().members(ctx))
        .step("repos", "", List.of(), 0, ctx -> connector.get().repos(ctx)) // fails here: repos
        .step("teams", "", List.of(), 0,
            StepPolicy.DEFAULT.withRetry(RetryPolicy.of(2, Duration.ZERO, 1.0, Duration.ZERO, 0)),
            ctx -> connector.get().teams(ctx))
        .step("token", "", List.of(), 0, ctx -> connector.get().token(ctx))
        .step("orgs", "", List.of(), 0, ctx -> connector.get().orgs(ctx))
        .build();
  }
}
