package com.acme.github.api;

import java.util.List;

/** The connector's own API client, in a package below the connector's: its frames count. */
public final class GitHubApi {
  public List<String> teams() {
    throw new IllegalStateException("HTTP 500 from GET /orgs/acme/teams"); // fails here: teams
  }
}
