package com.acme.github;

import com.acme.github.api.GitHubApi;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.StepContext;
import org.example.json.JsonLib;

/**
 * A connector as a user writes one, outside Stepgraph's packages, whose steps fail the ways the
 * issue's trial saw: where each fails is marked with a {@code // fails here: <step>} comment, which
 * the tests find to know the line.
 */
public class GitHubConnector {
  private final GitHubApi api = new GitHubApi();

  /** A NullPointerException thrown on the connector's own line. */
  void members(StepContext ctx) {
    JsonLib.Node member = JsonLib.parse("{}");
    boolean admin = member.get("admin").asBoolean(); // fails here: members
    ctx.emit(Entity.of("user", "u-1").with("admin", admin));
  }

  /** An exception thrown inside a library: the connector's line is the one that called it. */
  void repos(StepContext ctx) {
    JsonLib.parse("not json"); // fails here: repos
  }

  /** An exception thrown by the connector's own API client, in a package below its own. */
  void teams(StepContext ctx) {
    for (String team : api.teams()) {
      ctx.emit(Entity.of("team", team));
    }
  }

  /** A configuration key that is not set. */
  void token(StepContext ctx) {
    ctx.config().require("api.token"); // fails here: token
  }

  /** Succeeds. */
  void orgs(StepContext ctx) {
    ctx.emit(Entity.of("org", "acme"));
  }
}
