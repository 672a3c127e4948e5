package dev.stepgraph.testing.sample;

import dev.stepgraph.Retry;
import dev.stepgraph.Step;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.StepContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** A small GitHub-like connector whose steps exercise what the harness must show. */
public class SampleConnector {
  private final List<String> repositories;
  private final List<String> users;
  private final AtomicInteger flakyAttempts = new AtomicInteger();

  public SampleConnector() {
    this(List.of("r-1", "r-2"), List.of("u-1"));
  }

  public SampleConnector(List<String> repositories, List<String> users) {
    this.repositories = repositories;
    this.users = users;
  }

  @Step(id = "repositories", emits = "repository")
  void repositories(StepContext ctx) {
    for (String key : repositories) {
      ctx.emit(Entity.of("repository", key));
    }
  }

  @Step(id = "users", emits = "user")
  void users(StepContext ctx) {
    for (String key : users) {
      ctx.emit(Entity.of("user", key));
    }
  }

  /** Every user collaborates on every repository. */
  @Step(
      id = "collaborators",
      dependsOn = {"repositories", "users"},
      reads = {"repository", "user"},
      emits = "repository-has-user")
  void collaborators(StepContext ctx) {
    ctx.log().info("listing collaborators at {}", ctx.config().require("api.base-url"));
    for (Entity repository : ctx.prior().entitiesByType("repository")) {
      for (Entity user : ctx.prior().entitiesByType("user")) {
        ctx.emit(Relationship.of("repository-has-user", repository.key(), user.key()));
      }
    }
  }

  /** Fails twice with a transient error, then succeeds; waits ten minutes and more in between. */
  @Step(id = "flaky", emits = "team")
  @Retry(attempts = 3, backoff = "10m", maxBackoff = "1h", jitter = 0)
  void flaky(StepContext ctx) {
    int attempt = flakyAttempts.incrementAndGet();
    ctx.log().warn("attempt {}", attempt);
    ctx.emit(Entity.of("team", "t-" + attempt));
    if (attempt < 3) {
      throw new IllegalStateException("HTTP 503 on attempt " + attempt);
    }
  }

  @Step(id = "broken", dependsOn = "users", reads = "user")
  void broken(StepContext ctx) {
    Entity user = ctx.prior().entityByKey("u-404").orElse(null);
    ctx.log().info("user {}", user.key());
  }

  @Step(id = "quiet")
  void quiet(StepContext ctx) {
    ctx.emit(Entity.of("team", "discarded"));
    ctx.skip("nothing changed since the last run");
  }

  /** Declares users but emits a group: a type given through a variable, seen only at run time. */
  @Step(id = "sneaky", emits = "user")
  void sneaky(StepContext ctx) {
    String type = repositories.isEmpty() ? "user" : "group";
    ctx.emit(Entity.of(type, "g-1"));
  }

  /** With {@code slow.hang=true}, waits until interrupted. */
  @Step(id = "slow")
  void slow(StepContext ctx) {
    while (ctx.config().getBoolean("slow.hang", false) && !Thread.currentThread().isInterrupted()) {
      LockSupport.park(this);
    }
    ctx.emit(Entity.of("team", "too-late"));
  }

  /** Emits a user whose key a test may already have given as prior data. */
  @Step(id = "admins", dependsOn = "users", emits = "user")
  void admins(StepContext ctx) {
    ctx.emit(Entity.of("user", "u-1"));
  }
}
