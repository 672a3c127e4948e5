package dev.stepgraph.example.policies;

import dev.stepgraph.OnDependencyFailure;
import dev.stepgraph.Retry;
import dev.stepgraph.Step;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.StepContext;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A connector whose steps exercise every policy, run as a process by {@code PoliciesIT}: the
 * processor generates its graph and {@code ConnectorMain} as for any connector.
 */
public class PoliciesConnector {

  private final AtomicInteger flakyAttempts = new AtomicInteger();

  /** Hangs and swallows every interrupt: only its timeout ends it. */
  @Step(id = "stuck", timeout = "200ms")
  void stuck(StepContext ctx) {
    ctx.emit(Entity.of("thing", "emitted-before-the-timeout"));
    while (true) {
      LockSupport.park(this);
      Thread.interrupted(); // ignore the interrupt and hang on
    }
  }

  /** Needs what stuck collects, so it is skipped when stuck does not succeed. */
  @Step(id = "after-stuck", dependsOn = "stuck", onDependencyFailure = OnDependencyFailure.SKIP)
  void afterStuck(StepContext ctx) {
    ctx.emit(Entity.of("thing", "after-stuck"));
  }

  /** Runs beside stuck. */
  @Step(id = "sibling")
  void sibling(StepContext ctx) {
    ctx.emit(Entity.of("thing", "sibling"));
  }

  /** Runs in the next wave while stuck is still hanging. */
  @Step(id = "next", dependsOn = "sibling")
  void next(StepContext ctx) {
    ctx.emit(Entity.of("thing", "next"));
  }

  /** Fails its first attempt after emitting; the second attempt emits the same key again. */
  @Step(id = "flaky")
  @Retry(attempts = 3, backoff = "10ms", jitter = 0)
  void flaky(StepContext ctx) {
    ctx.emit(Entity.of("thing", "flaky"));
    if (flakyAttempts.incrementAndGet() == 1) {
      throw new IllegalStateException("HTTP 503 on the first attempt");
    }
  }

  /** Finds nothing to do. */
  @Step(id = "nothing-new")
  void nothingNew(StepContext ctx) {
    ctx.emit(Entity.of("thing", "discarded-by-the-skip"));
    ctx.skip("no new rows");
  }
}
