package dev.stepgraph.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.Schedule;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.NonRetryableException;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.RetryPolicy;
import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.run.ConnectorRunner;
import dev.stepgraph.runtime.run.RunReport;
import dev.stepgraph.runtime.run.StepResult;
import dev.stepgraph.runtime.run.StepStatus;
import dev.stepgraph.runtime.store.RunStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The semantics of a run on Temporal, in process ({@code TestWorkflowEnvironment}): the same as
 * a local run of the same graph.
 */
class WorkflowSemanticsTest {
  private static final long WAIT_SECONDS = 30;

  @TempDir Path state;

  private static StepResult step(RunReport report, String id) {
    return report.step(id).orElseThrow();
  }

  @Test
  void aWavesStepsRunConcurrentlyAndTheOutputEqualsALocalRun() throws Exception {
    CyclicBarrier together = new CyclicBarrier(3);
    ConnectorGraph.Builder builder = ConnectorGraph.builder("waves", "three at once");
    for (String id : List.of("users", "groups", "roles")) {
      builder.step(id, id, List.of(), ctx -> {
        together.await(WAIT_SECONDS, TimeUnit.SECONDS); // breaks unless all three run at once
        ctx.emit(Entity.of(id, id + "-1"));
        ctx.emit(Entity.of(id, id + "-2"));
      });
    }
    builder.step("members", "who is in what", List.of("users", "groups"), ctx -> {
      for (Entity user : ctx.prior().entitiesByType("users")) {
        for (Entity group : ctx.prior().entitiesByType("groups")) {
          ctx.emit(Relationship.of("member", user.key(), group.key()));
        }
      }
    });
    ConnectorGraph graph = builder.build();
    RunReport local = ConnectorRunner.builder(graph).build().run();
    try (InProcessTemporal temporal = new InProcessTemporal(graph, state)) {
      RunReport remote = temporal.run(graph);
      assertTrue(remote.succeeded(), remote.toString());
      assertEquals(local.entities(), remote.entities());
      assertEquals(local.relationships(), remote.relationships());
      assertEquals(4, step(remote, "members").relationshipCount());
    }
  }

  @Test
  void anEagerStepStartsWhenItsOwnDependenciesAreDone() throws Exception {
    CountDownLatch lateStarted = new CountDownLatch(1);
    ConnectorGraph graph =
        ConnectorGraph.builder("eager", "eager")
            .schedule(Schedule.EAGER)
            .step("slow", "waits for 'late'", List.of(), ctx -> {
              if (!lateStarted.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("'late' did not start while 'slow' ran");
              }
            })
            .step("fast", "fast", List.of(), ctx -> ctx.emit(Entity.of("f", "f-1")))
            .step("late", "after fast only", List.of("fast"), ctx -> {
              lateStarted.countDown();
              ctx.emit(Entity.of("l", "l-" + ctx.prior().entitiesByType("f").size()));
            })
            .build();
    try (InProcessTemporal temporal = new InProcessTemporal(graph, state)) {
      RunReport report = temporal.run(graph);
      assertTrue(report.succeeded(), report.toString());
      assertEquals("l-1", step(report, "late").entities().get(0).key());
    }
  }

  @Test
  void aFailedAttemptIsRetriedWithBackoffUpToItsAttempts() {
    AtomicInteger calls = new AtomicInteger();
    StepPolicy retry =
        StepPolicy.DEFAULT.withRetry(
            RetryPolicy.of(3, Duration.ofMillis(20), 2.0, Duration.ofMillis(50), 0));
    ConnectorGraph graph =
        ConnectorGraph.builder("retries", "retries")
            .step("flaky", "fails twice", List.of(), retry, ctx -> {
              if (calls.incrementAndGet() < 3) {
                throw new java.io.IOException("connection reset");
              }
              ctx.emit(Entity.of("f", "f-1"));
            })
            .step("broken", "always fails", List.of(), retry, ctx -> {
              throw new java.io.IOException("down");
            })
            .build();
    try (InProcessTemporal temporal = new InProcessTemporal(graph, state)) {
      RunReport report = temporal.run(graph);
      assertEquals(StepStatus.SUCCEEDED, step(report, "flaky").status());
      assertEquals(3, step(report, "flaky").attempts());
      assertEquals(3, calls.get());
      StepResult broken = step(report, "broken");
      assertEquals(StepStatus.FAILED, broken.status());
      assertEquals(3, broken.attempts());
      assertEquals("IOException: down", broken.errorSummary());
      assertEquals("java.io.IOException", broken.errorType());
    }
  }

  @Test
  void aNonRetryableFailureEndsTheStepAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger notRetried = new AtomicInteger();
    ConnectorGraph graph =
        ConnectorGraph.builder("no-retry", "no retry")
            .step("refused", "refused", List.of(),
                StepPolicy.DEFAULT.withRetry(
                    RetryPolicy.of(5, Duration.ofMillis(10), 1.0, Duration.ofMillis(10), 0)),
                ctx -> {
                  calls.incrementAndGet();
                  throw new NonRetryableException("401 unauthorized");
                })
            .step("other", "retried on IO only", List.of(),
                StepPolicy.DEFAULT.withRetry(
                    RetryPolicy.of(5, Duration.ofMillis(10), 1.0, Duration.ofMillis(10), 0)
                        .withRetryOn(java.io.IOException.class)),
                ctx -> {
                  notRetried.incrementAndGet();
                  throw new IllegalArgumentException("bad page");
                })
            .build();
    try (InProcessTemporal temporal = new InProcessTemporal(graph, state)) {
      RunReport report = temporal.run(graph);
      assertEquals(StepStatus.FAILED, step(report, "refused").status());
      assertEquals(1, step(report, "refused").attempts());
      assertEquals(1, calls.get());
      assertEquals(1, notRetried.get());
      assertEquals(StepStatus.FAILED, step(report, "other").status());
    }
  }

  @Test
  void anAttemptPastTheStepsTimeoutTimesOut() {
    CountDownLatch never = new CountDownLatch(1);
    ConnectorGraph graph =
        ConnectorGraph.builder("timeouts", "timeouts")
            .step("hangs", "hangs", List.of(), StepPolicy.DEFAULT.withTimeout(Duration.ofMillis(300)),
                ctx -> never.await())
            .build();
    try (InProcessTemporal temporal = new InProcessTemporal(graph, state)) {
      RunReport report = temporal.run(graph);
      assertEquals(StepStatus.TIMED_OUT, step(report, "hangs").status());
      assertEquals("TimeoutException: timed out after 300ms", step(report, "hangs").errorSummary());
    }
  }

  @Test
  void dependentsOfAFailedStepRunOrSkipByTheirPolicyAndCtxSkipSkips() {
    ConnectorGraph graph =
        ConnectorGraph.builder("skips", "skips")
            .step("hosts", "fails", List.of(), ctx -> {
              throw new IllegalStateException("no hosts");
            })
            .step("quiet", "skips itself", List.of(), ctx -> ctx.skip("feature disabled"))
            .step("ports", "skips on failure", List.of("hosts"),
                StepPolicy.DEFAULT.withSkipOnDependencyFailure(true), ctx -> {})
            .step("report", "runs anyway", List.of("hosts", "quiet"), ctx ->
                ctx.emit(Entity.of("r", "failed:" + ctx.failedDependencies())))
            .build();
    RunReport local = ConnectorRunner.builder(graph).build().run();
    try (InProcessTemporal temporal = new InProcessTemporal(graph, state)) {
      RunReport report = temporal.run(graph);
      assertEquals(StepStatus.FAILED, step(report, "hosts").status());
      assertEquals(StepStatus.SKIPPED, step(report, "quiet").status());
      assertEquals("feature disabled", step(report, "quiet").skipReason());
      assertEquals(StepStatus.SKIPPED, step(report, "ports").status());
      assertEquals("dependency 'hosts' failed", step(report, "ports").skipReason());
      assertEquals(StepStatus.SUCCEEDED, step(report, "report").status());
      assertEquals(Set.of("hosts", "quiet"), step(report, "report").failedDependencies());
      assertEquals(local.entities(), report.entities());
      for (StepResult result : local.steps()) {
        assertEquals(result.status(), step(report, result.stepId()).status(), result.stepId());
      }
    }
  }

  @Test
  void cancellingTheRunnerCancelsTheWorkflowAndItsRunningStep() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    ConnectorGraph graph =
        ConnectorGraph.builder("cancels", "cancels")
            .step("long", "blocks", List.of(), ctx -> {
              started.countDown();
              try {
                never.await();
              } finally {
                stopped.countDown();
              }
            })
            .step("after", "never runs", List.of("long"), ctx -> {})
            .build();
    try (InProcessTemporal temporal = new InProcessTemporal(graph, state)) {
      ConnectorRunner runner = temporal.runner(graph, builder -> builder);
      Thread canceller = new Thread(() -> {
        try {
          if (started.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            runner.cancel();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      canceller.start();
      RunReport report = runner.run();
      canceller.join();
      assertTrue(report.cancelled());
      assertEquals(StepStatus.CANCELLED, step(report, "long").status());
      assertEquals(StepStatus.NOT_RUN, step(report, "after").status());
      // The worker heard of it at its next heartbeat and interrupted the step's body.
      assertTrue(stopped.await(WAIT_SECONDS, TimeUnit.SECONDS));
    }
  }

  @Test
  void theRunIsRecordedSoThatAResumeReusesWhatSucceeded() {
    AtomicInteger firstCalls = new AtomicInteger();
    AtomicInteger secondCalls = new AtomicInteger();
    ConnectorGraph graph =
        ConnectorGraph.builder("resumes", "resumes")
            .step("first", "succeeds", List.of(), ctx -> {
              firstCalls.incrementAndGet();
              ctx.emit(Entity.of("a", "a-1"));
            })
            .step("second", "fails once", List.of("first"), ctx -> {
              if (secondCalls.incrementAndGet() == 1) {
                throw new IllegalStateException("not yet");
              }
              ctx.emit(Entity.of("b", "b-" + ctx.prior().entitiesByType("a").size()));
            })
            .build();
    try (InProcessTemporal temporal = new InProcessTemporal(graph, state)) {
      RunReport failed = temporal.run(graph);
      assertEquals(StepStatus.FAILED, step(failed, "second").status());
      assertEquals(List.of(failed.runId()),
          RunStore.directory(state).runs("resumes").stream().map(run -> run.runId()).toList());
      RunReport resumed =
          temporal.runner(graph, builder -> builder.resume(failed.runId())).run();
      assertTrue(resumed.succeeded(), resumed.toString());
      assertEquals(StepStatus.REUSED, step(resumed, "first").status());
      assertEquals(1, firstCalls.get());
      assertEquals(List.of(Entity.of("a", "a-1"), Entity.of("b", "b-1")), resumed.entities());
    }
  }
}
