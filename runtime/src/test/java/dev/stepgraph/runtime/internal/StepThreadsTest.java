package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepBody;
import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.run.ConnectorRunner;
import dev.stepgraph.runtime.run.RunReport;
import dev.stepgraph.runtime.run.StepStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The threads steps run on, through the embedding API, on whichever {@link StepThreads} the JDK
 * picks: pooled platform threads on 17, a virtual thread per step on 21+ (VirtualThreadsTest checks
 * the kind). What holds on both is asserted on both.
 */
@Timeout(120)
class StepThreadsTest {
  private static final long WAIT = 30;

  @Test
  void aStepRunsOnADaemonThreadNamedAfterIt() {
    Map<String, Thread> threads = new ConcurrentHashMap<>();
    Map<String, String> names = new ConcurrentHashMap<>();
    StepBody record =
        ctx -> {
          threads.put(ctx.stepId(), Thread.currentThread());
          names.put(ctx.stepId(), Thread.currentThread().getName());
        };
    ConnectorGraph graph =
        ConnectorGraph.builder("names", "")
            .step("users", "", List.of(), 0, record)
            .step("roles", "", List.of("users"), 1, record)
            .step(
                "hosts", "", List.of("roles"), 2,
                StepPolicy.DEFAULT.withTimeout(Duration.ofMinutes(1)), record)
            .build();

    RunReport report = ConnectorRunner.builder(graph).build().run();

    assertTrue(report.succeeded(), () -> report.steps().toString());
    assertEquals(
        Map.of("users", "stepgraph-users", "roles", "stepgraph-roles", "hosts", "stepgraph-hosts"),
        names);
    for (Thread thread : threads.values()) {
      assertTrue(thread.isDaemon(), thread.toString()); // virtual threads (JDK 21+) are daemons
    }
  }

  @Test
  void theThreadsOfARunEndWithIt() throws Exception {
    Map<String, Thread> threads = new ConcurrentHashMap<>();
    ConnectorGraph.Builder builder = ConnectorGraph.builder("ends", "");
    for (int wave = 0; wave < 3; wave++) {
      for (int i = 0; i < 4; i++) {
        builder.step(
            "s" + wave + "-" + i, "", wave == 0 ? List.of() : List.of("s" + (wave - 1) + "-0"),
            wave, ctx -> threads.put(ctx.stepId(), Thread.currentThread()));
      }
    }

    RunReport report = ConnectorRunner.builder(builder.build()).build().run();

    assertTrue(report.succeeded(), () -> report.steps().toString());
    assertEquals(12, threads.size());
    for (Thread thread : threads.values()) {
      thread.join(TimeUnit.SECONDS.toMillis(WAIT));
      assertFalse(thread.isAlive(), thread + " outlived its run");
    }
  }

  @Test
  void aTimedOutStepThatIgnoresInterruptsKeepsItsThreadAndTheRunEndsWithoutIt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Thread> stuckThread = new AtomicReference<>();
    Map<String, Thread> later = new ConcurrentHashMap<>();
    ConnectorGraph.Builder builder =
        ConnectorGraph.builder("stuck", "")
            .step(
                "stuck", "", List.of(), 0, StepPolicy.DEFAULT.withTimeout(Duration.ofMillis(20)),
                ctx -> {
                  stuckThread.set(Thread.currentThread());
                  while (true) {
                    try {
                      release.await();
                      return;
                    } catch (InterruptedException ignored) {
                      // a badly behaved step
                    }
                  }
                })
            // may run before "stuck" on the thread that then runs it: that is reuse, not a bug
            .step("sibling", "", List.of(), 0, ctx -> {});
    for (int wave = 1; wave <= 2; wave++) {
      for (int i = 0; i < 4; i++) {
        builder.step(
            "w" + wave + "-" + i, "", List.of(wave == 1 ? "sibling" : "w1-0"), wave,
            ctx -> later.put(ctx.stepId(), Thread.currentThread()));
      }
    }

    RunReport report = ConnectorRunner.builder(builder.build()).build().run();

    assertEquals(1, release.getCount(), "the run ended while the stuck step was still stuck");
    assertEquals(StepStatus.TIMED_OUT, report.step("stuck").orElseThrow().status());
    assertEquals(9, report.count(StepStatus.SUCCEEDED));
    assertEquals(8, later.size());
    assertFalse(
        later.containsValue(stuckThread.get()),
        "a step ran on the thread of the timed-out step while it was still running");
    assertTrue(stuckThread.get().isAlive());
    release.countDown();
    stuckThread.get().join(TimeUnit.SECONDS.toMillis(WAIT));
    assertFalse(stuckThread.get().isAlive(), "the abandoned thread ends once its step returns");
  }
}
