package dev.stepgraph.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.Schedule;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.RetryPolicy;
import dev.stepgraph.runtime.graph.StepPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The EAGER schedule: a step starts as soon as its own dependencies have ended. */
@Timeout(120)
class EagerScheduleTest {
  private static final long WAIT = 30;

  @Test
  void aStepDownstreamOfAFastBranchStartsWhileASlowStepOfAnotherBranchRuns() {
    CountDownLatch afterFastRan = new CountDownLatch(1);
    AtomicReference<Boolean> slowSawIt = new AtomicReference<>();
    ConnectorGraph graph =
        ConnectorGraph.builder("eager", "")
            .schedule(Schedule.EAGER)
            .step("slow", "", List.of(), ctx -> slowSawIt.set(afterFastRan.await(WAIT, TimeUnit.SECONDS)))
            .step("fast", "", List.of(), ctx -> {})
            .step("after-fast", "", List.of("fast"), ctx -> afterFastRan.countDown())
            .step("after-slow", "", List.of("slow"), ctx -> {})
            .build();
    assertEquals(1, graph.step("after-fast").wave(), "after-fast is in slow's next wave");

    RunReport report = ConnectorRunner.builder(graph).build().run();

    assertEquals(Boolean.TRUE, slowSawIt.get(), "after-fast ran while slow was still running");
    assertTrue(report.succeeded());
    assertEquals(
        List.of("slow", "fast", "after-fast", "after-slow"),
        report.steps().stream().map(StepResult::stepId).toList(),
        "the report keeps wave and declaration order");
  }

  @Test
  void aStepSeesOnlyWhatItsUpstreamStepsCommittedNeverWhatOthersDid() {
    CountDownLatch otherDone = new CountDownLatch(1);
    Map<String, Set<String>> seen = new ConcurrentHashMap<>();
    ConnectorGraph graph =
        ConnectorGraph.builder("isolated", "")
            .schedule(Schedule.EAGER)
            .step("users", "", List.of(), ctx -> {
              // "hosts" has ended (and committed) before this step ends and "roles" starts.
              assertTrue(otherDone.await(WAIT, TimeUnit.SECONDS));
              ctx.emit(Entity.of("user", "u-1"));
            })
            .step("hosts", "", List.of(), ctx -> ctx.emit(Entity.of("host", "h-1")))
            .step("roles", "", List.of("users"), ctx -> {
              seen.put("roles", new TreeSet<>(ctx.prior().entityTypes()));
              seen.put("roles-by-key", ctx.prior().entityByKey("h-1").isPresent() ? Set.of("h-1") : Set.of());
            })
            .step("report", "", List.of("roles", "hosts"), ctx ->
                seen.put("report", new TreeSet<>(ctx.prior().entityTypes())))
            .build();

    RunReport report =
        ConnectorRunner.builder(graph)
            .listener(event -> {
              if (event instanceof RunEvent.StepCompleted e && e.stepId().equals("hosts")) {
                otherDone.countDown();
              }
            })
            .build()
            .run();

    assertTrue(report.succeeded());
    assertEquals(Set.of("user"), seen.get("roles"), "roles depends on users only");
    assertEquals(Set.of(), seen.get("roles-by-key"), "not even by key");
    assertEquals(Set.of("host", "user"), seen.get("report"), "transitively: users through roles");
  }

  @Test
  void everyPolicyWorksAsInWaves() {
    AtomicInteger flakyCalls = new AtomicInteger();
    CountDownLatch never = new CountDownLatch(1);
    ConnectorGraph graph =
        ConnectorGraph.builder("policies", "")
            .schedule(Schedule.EAGER)
            .step("flaky", "", List.of(),
                StepPolicy.DEFAULT.withRetry(RetryPolicy.of(3, Duration.ofMillis(1), 2.0, Duration.ofMillis(1), 0)),
                ctx -> {
                  if (flakyCalls.incrementAndGet() == 1) {
                    throw new IllegalStateException("HTTP 503");
                  }
                  ctx.emit(Entity.of("user", "u-1"));
                })
            .step("stuck", "", List.of(), StepPolicy.DEFAULT.withTimeout(Duration.ofMillis(50)),
                ctx -> never.await())
            .step("after-stuck", "", List.of("stuck"),
                StepPolicy.DEFAULT.withSkipOnDependencyFailure(true), ctx -> {})
            .step("quiet", "", List.of("flaky"), ctx -> ctx.skip("nothing new"))
            .step("fails", "", List.of(), ctx -> {
              throw new IllegalArgumentException("bad page");
            })
            .step("after-fails", "", List.of("fails", "flaky"), ctx ->
                ctx.emit(Entity.of("seen", "users-" + ctx.prior().entitiesByType("user").size())))
            .build();

    RunReport report = ConnectorRunner.builder(graph).build().run();

    Map<String, StepStatus> statuses = new java.util.LinkedHashMap<>();
    for (StepResult step : report.steps()) {
      statuses.put(step.stepId(), step.status());
    }
    assertEquals(
        Map.of(
            "flaky", StepStatus.SUCCEEDED,
            "stuck", StepStatus.TIMED_OUT,
            "after-stuck", StepStatus.SKIPPED,
            "quiet", StepStatus.SKIPPED,
            "fails", StepStatus.FAILED,
            "after-fails", StepStatus.SUCCEEDED),
        statuses);
    assertEquals(2, report.step("flaky").orElseThrow().attempts());
    assertEquals(
        "dependency 'stuck' timed out", report.step("after-stuck").orElseThrow().skipReason());
    assertEquals("nothing new", report.step("quiet").orElseThrow().skipReason());
    assertEquals(
        List.of("u-1", "users-1"), report.entities().stream().map(Entity::key).toList());
  }

  @Test
  void parallelismCapsHowManyStepsRunAtOnce() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ConnectorGraph.Builder builder = ConnectorGraph.builder("capped", "").schedule(Schedule.EAGER);
    for (int i = 0; i < 40; i++) {
      builder.step("s" + i, "", i < 8 ? List.of() : List.of("s" + (i % 8)), ctx -> {
        most.accumulateAndGet(running.incrementAndGet(), Math::max);
        Thread.yield();
        running.decrementAndGet();
      });
    }

    RunReport report = ConnectorRunner.builder(builder.build()).parallelism(2).build().run();

    assertTrue(report.succeeded());
    assertTrue(most.get() <= 2, most.get() + " steps ran at once");
  }

  @Test
  void cancellingStopsRunningStepsAndStartsNoMore() throws Exception {
    CountDownLatch blocked = new CountDownLatch(1);
    ConnectorGraph graph =
        ConnectorGraph.builder("cancel", "")
            .schedule(Schedule.EAGER)
            .step("done", "", List.of(), ctx -> ctx.emit(Entity.of("user", "u-1")))
            .step("waits", "", List.of("done"), ctx -> {
              blocked.countDown();
              new CountDownLatch(1).await();
            })
            .step("later", "", List.of("waits"), ctx -> {})
            .build();
    ConnectorRunner runner = ConnectorRunner.builder(graph).build();
    Thread canceller = new Thread(() -> {
      try {
        if (blocked.await(WAIT, TimeUnit.SECONDS)) {
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
    assertEquals(StepStatus.SUCCEEDED, report.step("done").orElseThrow().status());
    assertEquals(StepStatus.CANCELLED, report.step("waits").orElseThrow().status());
    assertEquals(StepStatus.NOT_RUN, report.step("later").orElseThrow().status());
    assertEquals(List.of("u-1"), report.entities().stream().map(Entity::key).toList());
  }
}
