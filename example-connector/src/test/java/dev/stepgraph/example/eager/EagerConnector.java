package dev.stepgraph.example.eager;

import dev.stepgraph.Connector;
import dev.stepgraph.Schedule;
import dev.stepgraph.Step;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.StepContext;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An EAGER connector run as a process by {@code EagerIT}: {@code users} depends only on the fast
 * {@code accounts}, and {@code audit} does not finish until {@code users} has started, which only
 * an eager schedule allows (in waves, {@code users} would wait for {@code audit} to end).
 */
@Connector(id = "eager-inventory", schedule = Schedule.EAGER)
public class EagerConnector {

  private final CountDownLatch usersStarted = new CountDownLatch(1);

  @Step(id = "accounts", emits = "account")
  void accounts(StepContext ctx) {
    ctx.emit(Entity.of("account", "a-1"));
    ctx.emit(Entity.of("account", "a-2"));
  }

  /** Slow on purpose: it ends only once users has started (or fails after 60 seconds). */
  @Step(id = "audit", emits = "audit-event")
  void audit(StepContext ctx) throws InterruptedException {
    if (!usersStarted.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("users did not start while audit was running");
    }
    ctx.emit(Entity.of("audit-event", "e-1"));
  }

  @Step(id = "users", dependsOn = "accounts", reads = "account", emits = "user")
  void users(StepContext ctx) {
    usersStarted.countDown();
    for (Entity account : ctx.prior().entitiesByType("account")) {
      ctx.emit(Entity.of("user", account.key() + "-admin"));
    }
  }

  @Step(
      id = "report",
      dependsOn = {"users", "audit"},
      reads = {"account", "user", "audit-event"},
      emits = "account-has-user")
  void report(StepContext ctx) {
    int events = ctx.prior().entitiesByType("audit-event").size();
    for (Entity user : ctx.prior().entitiesByType("user")) {
      String account = user.key().substring(0, user.key().length() - "-admin".length());
      ctx.emit(Relationship.of("account-has-user", account, user.key()));
    }
    ctx.log().info("report saw {} audit event(s)", events);
  }
}
