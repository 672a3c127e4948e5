package dev.stepgraph.temporal.e2e;

import dev.stepgraph.Retry;
import dev.stepgraph.Step;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.StepContext;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small connector for the end-to-end test of real processes: two waves of steps whose data
 * depends only on their ids. With {@code RELAY_LATCH} set to a directory, step {@code users}
 * writes {@code started.PID} there as it starts and waits for {@code release}, so that the test
 * can kill its worker while it runs. Every step retries: a step whose worker dies is retried on
 * another within its attempts, and the killed worker may hold any step of the wave.
 */
public class RelayConnector {

  @Step(id = "accounts")
  @Retry(attempts = 3, backoff = "100ms", jitter = 0)
  void accounts(StepContext ctx) {
    for (int i = 1; i <= 3; i++) {
      ctx.emit(Entity.of("account", "account-" + i));
    }
  }

  @Step(id = "users", dependsOn = "accounts")
  @Retry(attempts = 3, backoff = "100ms", jitter = 0)
  void users(StepContext ctx) throws Exception {
    String latch = System.getenv("RELAY_LATCH");
    if (latch != null) {
      Path directory = Path.of(latch);
      Files.writeString(directory.resolve("started." + ProcessHandle.current().pid()), "");
      while (!Files.exists(directory.resolve("release"))) {
        Thread.sleep(20); // a file-based latch: the test releases it after the kill
      }
    }
    for (Entity account : ctx.prior().entitiesByType("account")) {
      ctx.emit(Entity.of("user", "user-of-" + account.key()));
    }
  }

  @Step(id = "groups", dependsOn = "accounts")
  @Retry(attempts = 3, backoff = "100ms", jitter = 0)
  void groups(StepContext ctx) {
    ctx.emit(Entity.of("group", "admins"));
    ctx.emit(Entity.of("group", "readers"));
    ctx.log().info("{} groups", 2); // shown by the client, as by a local run
  }

  @Step(id = "members", dependsOn = {"users", "groups"})
  @Retry(attempts = 3, backoff = "100ms", jitter = 0)
  void members(StepContext ctx) {
    for (Entity user : ctx.prior().entitiesByType("user")) {
      ctx.emit(Relationship.of("member", user.key(), "readers"));
    }
  }
}
