package dev.stepgraph.runtime.run;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.PriorData;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepBody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scheduler, through the embedding API. Waits are on latches and barriers with generous
 * timeouts, so a broken scheduler fails instead of hanging; nothing sleeps.
 */
@Timeout(120)
class SchedulerTest {
  private static final long WAIT = 30;

  private static RunReport run(ConnectorGraph graph) {
    return ConnectorRunner.builder(graph).build().run();
  }

  private static StepStatus status(RunReport report, String step) {
    return report.step(step).orElseThrow().status();
  }

  /**
   * Interrupting the thread that called run() cancels the run, as cancel() does, and that thread
   * finds its interrupt flag set again when run() returns (whichever thread the wave loop runs on:
   * the caller's on JDK 17, a virtual thread of its own on 21+).
   */
  @Test
  void interruptingTheCallerCancelsTheRunAndTheCallerKeepsItsInterrupt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean stepInterrupted = new AtomicBoolean();
    ConnectorGraph graph =
        ConnectorGraph.builder("interrupted", "")
            .step("waits", "", List.of(), 0, ctx -> {
              started.countDown();
              try {
                new CountDownLatch(1).await(WAIT, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                stepInterrupted.set(true);
                throw e;
              }
            })
            .step("later", "", List.of("waits"), 1, ctx -> {})
            .build();
    AtomicReference<RunReport> report = new AtomicReference<>();
    AtomicBoolean callerFlagAfterRun = new AtomicBoolean();
    Thread caller = new Thread(() -> {
      report.set(ConnectorRunner.builder(graph).build().run());
      callerFlagAfterRun.set(Thread.currentThread().isInterrupted());
    });
    caller.start();
    assertTrue(started.await(WAIT, TimeUnit.SECONDS));

    caller.interrupt();
    caller.join(TimeUnit.SECONDS.toMillis(WAIT));

    assertFalse(caller.isAlive(), "run() returned");
    assertTrue(report.get().cancelled());
    assertTrue(stepInterrupted.get(), "the running step was interrupted");
    assertEquals(StepStatus.NOT_RUN, status(report.get(), "later"));
    assertTrue(callerFlagAfterRun.get(), "the caller's interrupt is set again when run() returns");
  }

  @Test
  void theNextWaveStartsOnlyAfterEveryStepOfThePreviousWaveFinished() {
    List<String> log = new CopyOnWriteArrayList<>();
    CountDownLatch bothStarted = new CountDownLatch(2);
    StepBody slowish =
        ctx -> {
          bothStarted.countDown();
          assertTrue(bothStarted.await(WAIT, TimeUnit.SECONDS));
          log.add("end " + ctx.stepId());
        };
    ConnectorGraph graph =
        ConnectorGraph.builder("order", "")
            .step("a", "", List.of(), 0, slowish)
            .step("b", "", List.of(), 0, slowish)
            .step("c", "", List.of("a"), 1, ctx -> log.add("start c"))
            .build();
    Recorder recorder = new Recorder();

    RunReport report = ConnectorRunner.builder(graph).listener(recorder).build().run();

    assertTrue(report.succeeded());
    assertEquals("start c", log.get(2));
    List<String> sequence = new ArrayList<>();
    for (RunEvent event : recorder.events) {
      if (event instanceof RunEvent.WaveStarted e) {
        sequence.add("wave " + e.index());
      } else if (event instanceof RunEvent.StepCompleted e) {
        sequence.add("done " + e.stepId());
      }
    }
    assertEquals("wave 0", sequence.get(0));
    assertEquals("wave 1", sequence.get(3));
    assertEquals("done c", sequence.get(4));
  }

  @Test
  void everyStepOfAWaveRunsAtTheSameTime() {
    int steps = 8;
    CyclicBarrier allInside = new CyclicBarrier(steps);
    ConnectorGraph.Builder builder = ConnectorGraph.builder("concurrent", "");
    for (int i = 0; i < steps; i++) {
      builder.step("s" + i, "", List.of(), 0, ctx -> allInside.await(WAIT, TimeUnit.SECONDS));
    }

    RunReport report = run(builder.build());

    assertTrue(report.succeeded(), () -> report.steps().toString());
  }

  @Test
  void aFailingStepDoesNotStopItsSiblingsNorItsDependents() {
    AtomicReference<List<Entity>> seenByDependent = new AtomicReference<>();
    ConnectorGraph graph =
        ConnectorGraph.builder("faults", "")
            .step("ok", "", List.of(), 0, ctx -> ctx.emit(Entity.of("user", "u-1")))
            .step("throws", "", List.of(), 0, ctx -> {
              throw new IllegalStateException("API timeout");
            })
            .step("errors", "", List.of(), 0, ctx -> {
              throw new AssertionError("an Error, not an Exception");
            })
            .step("after", "", List.of("throws"), 1,
                ctx -> seenByDependent.set(ctx.prior().entitiesByType("user")))
            .build();

    RunReport report = run(graph);

    assertEquals(StepStatus.SUCCEEDED, status(report, "ok"));
    assertEquals(StepStatus.FAILED, status(report, "throws"));
    assertEquals(StepStatus.FAILED, status(report, "errors"));
    assertEquals(StepStatus.SUCCEEDED, status(report, "after"));
    assertEquals(List.of(Entity.of("user", "u-1")), seenByDependent.get());
    assertEquals(
        "IllegalStateException: API timeout", report.step("throws").orElseThrow().errorSummary());
    assertInstanceOf(AssertionError.class, report.step("errors").orElseThrow().error());
    assertFalse(report.succeeded());
    assertEquals(2, report.count(StepStatus.FAILED));
  }

  @Test
  void whatAFailingStepEmittedIsDiscardedAndItsKeysAreFreed() {
    AtomicReference<Integer> priorCount = new AtomicReference<>();
    ConnectorGraph graph =
        ConnectorGraph.builder("discard", "")
            .step("fails", "", List.of(), 0, ctx -> {
              ctx.emit(Entity.of("host", "h-1"));
              ctx.emit(Relationship.of("runs-on", "s-1", "h-1"));
              throw new IllegalStateException("half way");
            })
            .step("later", "", List.of("fails"), 1, ctx -> {
              priorCount.set(ctx.prior().entityCount());
              ctx.emit(Entity.of("host", "h-1"));
            })
            .build();

    RunReport report = run(graph);

    assertEquals(0, priorCount.get());
    assertEquals(StepStatus.SUCCEEDED, status(report, "later"));
    assertEquals(List.of(Entity.of("host", "h-1")), report.entities());
    assertEquals(List.of(), report.relationships());
    assertEquals(List.of(), report.step("fails").orElseThrow().entities());
  }

  @Test
  void priorDataIsASnapshotOfEveryEarlierWaveAndNeverShowsSiblings() {
    CountDownLatch siblingEmitted = new CountDownLatch(1);
    AtomicReference<List<Entity>> rolesSeenBySibling = new AtomicReference<>();
    AtomicReference<Optional<Entity>> roleByKeySeenBySibling = new AtomicReference<>();
    AtomicReference<List<Entity>> usersSeenLater = new AtomicReference<>();
    AtomicReference<List<Entity>> rolesSeenLater = new AtomicReference<>();
    ConnectorGraph graph =
        ConnectorGraph.builder("snapshot", "")
            .step("users", "", List.of(), 0, ctx -> ctx.emit(Entity.of("user", "u-1")))
            .step("roles", "", List.of("users"), 1, ctx -> {
              ctx.emit(Entity.of("role", "r-1"));
              siblingEmitted.countDown();
            })
            .step("groups", "", List.of("users"), 1, ctx -> {
              assertTrue(siblingEmitted.await(WAIT, TimeUnit.SECONDS));
              rolesSeenBySibling.set(ctx.prior().entitiesByType("role"));
              roleByKeySeenBySibling.set(ctx.prior().entityByKey("r-1"));
            })
            .step("report", "", List.of("groups"), 2, ctx -> {
              usersSeenLater.set(ctx.prior().entitiesByType("user"));
              rolesSeenLater.set(ctx.prior().entitiesByType("role"));
            })
            .build();

    RunReport report = run(graph);

    assertTrue(report.succeeded());
    assertEquals(List.of(), rolesSeenBySibling.get());
    assertEquals(Optional.empty(), roleByKeySeenBySibling.get());
    assertEquals(List.of(Entity.of("user", "u-1")), usersSeenLater.get(), "not a direct dependency");
    assertEquals(List.of(Entity.of("role", "r-1")), rolesSeenLater.get(), "not a direct dependency");
  }

  @Test
  void priorDataIsIndexedByTypeAndKeyInEmissionOrder() {
    AtomicReference<PriorData> prior = new AtomicReference<>();
    ConnectorGraph graph =
        ConnectorGraph.builder("index", "")
            .step("a", "", List.of(), 0, ctx -> {
              ctx.emit(Entity.of("user", "u-1"));
              ctx.emit(Entity.of("host", "h-1"));
              ctx.emit(Entity.of("user", "u-2"));
              ctx.emit(Relationship.of("owns", "u-1", "h-1"));
            })
            .step("b", "", List.of(), 0, ctx -> ctx.emit(Entity.of("user", "u-3").with("admin", true)))
            .step("c", "", List.of("a"), 1, ctx -> prior.set(ctx.prior()))
            .build();

    run(graph);

    PriorData data = prior.get();
    assertEquals(
        List.of("u-1", "u-2", "u-3"),
        data.entitiesByType("user").stream().map(Entity::key).toList());
    assertEquals(List.of(Entity.of("host", "h-1")), data.entitiesByType("host"));
    assertEquals(List.of(), data.entitiesByType("nothing"));
    assertEquals(Optional.of(Entity.of("user", "u-3").with("admin", true)), data.entityByKey("u-3"));
    assertEquals(Optional.empty(), data.entityByKey("u-9"));
    assertEquals(List.of(Relationship.of("owns", "u-1", "h-1")), data.relationshipsByType("owns"));
    assertEquals(List.of("host", "user"), List.copyOf(data.entityTypes()));
    assertEquals(4, data.entityCount());
  }

  @Test
  void aMillionEntitiesAreCommittedAndLookedUpByTypeAndKey() {
    int count = 1_000_000;
    AtomicReference<Integer> hosts = new AtomicReference<>();
    AtomicReference<Entity> last = new AtomicReference<>();
    ConnectorGraph graph =
        ConnectorGraph.builder("big", "")
            .step("hosts", "", List.of(), 0, ctx -> {
              for (int i = 0; i < count / 2; i++) {
                ctx.emit(Entity.of("host", "h-" + i));
              }
            })
            .step("users", "", List.of(), 0, ctx -> {
              for (int i = 0; i < count / 2; i++) {
                ctx.emit(Entity.of(i % 2 == 0 ? "user" : "bot", "u-" + i));
              }
            })
            .step("read", "", List.of("hosts"), 1, ctx -> {
              hosts.set(ctx.prior().entitiesByType("host").size());
              last.set(ctx.prior().entityByKey("u-" + (count / 2 - 1)).orElseThrow());
              assertEquals(count, ctx.prior().entityCount());
              assertEquals(count / 4, ctx.prior().entitiesByType("user").size());
            })
            .build();

    RunReport report = run(graph);

    assertTrue(report.succeeded(), () -> report.steps().toString());
    assertEquals(count / 2, hosts.get());
    assertEquals("bot", last.get().type());
    assertEquals(count, report.entities().size());
  }

  @Test
  void aKeyAlreadyEmittedByAnEarlierStepFailsTheEmittingStep() {
    ConnectorGraph graph =
        ConnectorGraph.builder("dupes", "")
            .step("hosts", "", List.of(), 0, ctx -> ctx.emit(Entity.of("host", "h-1")))
            .step("more-hosts", "", List.of("hosts"), 1, ctx -> ctx.emit(Entity.of("host", "h-1")))
            .build();

    RunReport report = run(graph);

    StepResult failed = report.step("more-hosts").orElseThrow();
    assertEquals(StepStatus.FAILED, failed.status());
    assertEquals(
        "IllegalStateException: step 'more-hosts': duplicate entity key 'h-1': already emitted by"
            + " step 'hosts'",
        failed.errorSummary());
    assertEquals(List.of(Entity.of("host", "h-1")), report.entities());
  }

  @Test
  void aKeyEmittedByAConcurrentStepFailsTheSecondEmitterEvenIfItCatchesTheError() {
    CountDownLatch firstEmitted = new CountDownLatch(1);
    AtomicReference<Throwable> caught = new AtomicReference<>();
    ConnectorGraph graph =
        ConnectorGraph.builder("dupes", "")
            .step("first", "", List.of(), 0, ctx -> {
              ctx.emit(Entity.of("host", "h-1"));
              firstEmitted.countDown();
            })
            .step("second", "", List.of(), 0, ctx -> {
              assertTrue(firstEmitted.await(WAIT, TimeUnit.SECONDS));
              try {
                ctx.emit(Entity.of("host", "h-1"));
              } catch (IllegalStateException e) {
                caught.set(e);
              }
              ctx.emit(Entity.of("host", "h-2"));
            })
            .build();

    RunReport report = run(graph);

    assertEquals(StepStatus.SUCCEEDED, status(report, "first"));
    assertEquals(StepStatus.FAILED, status(report, "second"));
    String message = report.step("second").orElseThrow().errorSummary();
    assertTrue(message.contains("step 'second'"), message);
    assertTrue(message.contains("'h-1': already emitted by step 'first'"), message);
    assertEquals(caught.get(), report.step("second").orElseThrow().error());
    assertEquals(List.of(Entity.of("host", "h-1")), report.entities());
  }

  @Test
  void parallelismCapsHowManyStepsRunAtOnce() throws Exception {
    int steps = 6;
    int cap = 2;
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    BlockingQueue<String> entered = new LinkedBlockingQueue<>();
    Map<String, CountDownLatch> release = new ConcurrentHashMap<>();
    ConnectorGraph.Builder builder = ConnectorGraph.builder("capped", "");
    for (int i = 0; i < steps; i++) {
      String id = "s" + i;
      release.put(id, new CountDownLatch(1));
      builder.step(id, "", List.of(), 0, ctx -> {
        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
        entered.add(ctx.stepId());
        try {
          assertTrue(release.get(ctx.stepId()).await(WAIT, TimeUnit.SECONDS));
        } finally {
          inside.decrementAndGet();
        }
      });
    }
    ConnectorRunner runner = ConnectorRunner.builder(builder.build()).parallelism(cap).build();
    AtomicReference<RunReport> report = new AtomicReference<>();
    Thread running = new Thread(() -> report.set(runner.run()));
    running.start();

    // Two steps get in; each later one gets in only after one of those inside is released.
    List<String> order = new ArrayList<>();
    for (int i = 0; i < cap; i++) {
      order.add(entered.poll(WAIT, TimeUnit.SECONDS));
    }
    for (int i = 0; i < steps; i++) {
      release.get(order.get(i)).countDown();
      if (order.size() < steps) {
        order.add(entered.poll(WAIT, TimeUnit.SECONDS));
      }
    }
    running.join(TimeUnit.SECONDS.toMillis(WAIT));

    assertTrue(report.get().succeeded(), () -> report.get().steps().toString());
    assertEquals(cap, maxInside.get());
  }

  @Test
  void cancellingInterruptsRunningStepsKeepsWhatSucceededAndRunsNothingMore() throws Exception {
    CountDownLatch blockedStarted = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    AtomicReference<Boolean> sawCancelled = new AtomicReference<>();
    ConnectorGraph graph =
        ConnectorGraph.builder("cancel", "")
            .step("quick", "", List.of(), 0, ctx -> ctx.emit(Entity.of("user", "u-1")))
            .step("blocked", "", List.of(), 0, ctx -> {
              blockedStarted.countDown();
              try {
                never.await();
              } finally {
                sawCancelled.set(ctx.isCancelled());
              }
            })
            .step("later", "", List.of("quick"), 1, ctx -> ctx.emit(Entity.of("user", "u-2")))
            .build();
    Recorder recorder = new Recorder();
    CountDownLatch quickCompleted = new CountDownLatch(1);
    ConnectorRunner runner =
        ConnectorRunner.builder(graph)
            .listener(recorder)
            .listener(
                event -> {
                  if (event instanceof RunEvent.StepCompleted completed
                      && completed.stepId().equals("quick")) {
                    quickCompleted.countDown();
                  }
                })
            .build();
    AtomicReference<RunReport> report = new AtomicReference<>();
    Thread running = new Thread(() -> report.set(runner.run()));
    running.start();
    // Cancel only once "quick" has succeeded and "blocked" is inside its step: otherwise the
    // cancel may reach "quick" too (it did, on a loaded CI machine).
    assertTrue(blockedStarted.await(WAIT, TimeUnit.SECONDS));
    assertTrue(quickCompleted.await(WAIT, TimeUnit.SECONDS));

    runner.cancel();
    running.join(TimeUnit.SECONDS.toMillis(WAIT));

    RunReport result = report.get();
    assertTrue(result.cancelled());
    assertEquals(StepStatus.CANCELLED, status(result, "blocked"));
    assertInstanceOf(InterruptedException.class, result.step("blocked").orElseThrow().error());
    assertEquals(true, sawCancelled.get());
    assertEquals(StepStatus.SUCCEEDED, status(result, "quick"));
    assertEquals(List.of(Entity.of("user", "u-1")), result.entities(), "what succeeded is kept");
    assertEquals(StepStatus.NOT_RUN, status(result, "later"));
    RunEvent.RunFinished finished = recorder.of(RunEvent.RunFinished.class).get(0);
    assertTrue(finished.cancelled());
    assertEquals(1, finished.count(StepStatus.CANCELLED));
    assertEquals(1, finished.count(StepStatus.NOT_RUN));
  }

  @Test
  void aStepThatIgnoresInterruptsIsAbandonedAfterTheGracePeriod() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ConnectorGraph graph =
        ConnectorGraph.builder("stubborn", "")
            .step("stubborn", "", List.of(), 0, ctx -> {
              started.countDown();
              while (true) {
                try {
                  if (release.await(WAIT, TimeUnit.SECONDS)) {
                    break;
                  }
                } catch (InterruptedException ignored) {
                  // a badly behaved step
                }
              }
              ctx.emit(Entity.of("host", "h-1"));
            })
            .build();
    ConnectorRunner runner =
        ConnectorRunner.builder(graph).cancelGrace(java.time.Duration.ZERO).build();
    AtomicReference<RunReport> report = new AtomicReference<>();
    Thread running = new Thread(() -> report.set(runner.run()));
    running.start();
    assertTrue(started.await(WAIT, TimeUnit.SECONDS));

    runner.cancel();
    running.join(TimeUnit.SECONDS.toMillis(WAIT));
    release.countDown();

    assertFalse(running.isAlive(), "run() must return although the step ignores interrupts");
    assertEquals(StepStatus.CANCELLED, status(report.get(), "stubborn"));
    assertInstanceOf(CancellationException.class, report.get().step("stubborn").orElseThrow().error());
    assertEquals(List.of(), report.get().entities());
  }

  @Test
  void checkCancelledStopsALoopingStep() throws Exception {
    CountDownLatch looping = new CountDownLatch(1);
    ConnectorGraph graph =
        ConnectorGraph.builder("loop", "")
            .step("loop", "", List.of(), 0, ctx -> {
              while (true) {
                looping.countDown();
                ctx.checkCancelled();
                Thread.onSpinWait();
              }
            })
            .build();
    ConnectorRunner runner = ConnectorRunner.builder(graph).build();
    AtomicReference<RunReport> report = new AtomicReference<>();
    Thread running = new Thread(() -> report.set(runner.run()));
    running.start();
    assertTrue(looping.await(WAIT, TimeUnit.SECONDS));

    runner.cancel();
    running.join(TimeUnit.SECONDS.toMillis(WAIT));

    assertEquals(StepStatus.CANCELLED, status(report.get(), "loop"));
    assertInstanceOf(CancellationException.class, report.get().step("loop").orElseThrow().error());
  }

  @Test
  void cancellingBeforeTheRunRunsNothing() {
    ConnectorGraph graph =
        ConnectorGraph.builder("early", "").step("a", "", List.of(), 0, ctx -> {
          throw new AssertionError("must not run");
        }).build();
    ConnectorRunner runner = ConnectorRunner.builder(graph).build();

    runner.cancel();
    RunReport report = runner.run();

    assertTrue(report.cancelled());
    assertEquals(StepStatus.NOT_RUN, status(report, "a"));
  }

  @Test
  void eventsComeInRunWaveStepOrderAndLogLinesAreTaggedWithTheStep() {
    ConnectorGraph graph =
        ConnectorGraph.builder("events", "")
            .step("a", "", List.of(), 0, ctx -> {
              ctx.log().info("found {} users", 2);
              ctx.log().trace("not an event");
              ctx.log().warn("slow", new IllegalStateException("429"));
              ctx.emit(Entity.of("user", "u-1"));
              ctx.emit(Entity.of("user", "u-2"));
              ctx.emit(Relationship.of("knows", "u-1", "u-2"));
            })
            .step("b", "", List.of("a"), 1, ctx -> {
              throw new IllegalStateException("boom");
            })
            .build();
    Recorder recorder = new Recorder();

    RunReport report = ConnectorRunner.builder(graph).listener(recorder).build().run();

    List<String> kinds = new ArrayList<>();
    for (RunEvent event : recorder.events) {
      kinds.add(event.getClass().getSimpleName());
    }
    assertEquals(
        List.of("RunStarted", "WaveStarted", "StepStarted", "StepLog", "StepLog", "StepCompleted",
            "WaveStarted", "StepStarted", "StepFailed", "RunFinished"),
        kinds);
    assertEquals(
        new RunEvent.RunStarted(
            recorder.events.get(0).time(), "events", 2, 2, report.runId(), false),
        recorder.events.get(0));
    assertTrue(report.runId().matches("\\d{8}T\\d{6}Z-[0-9a-f]{4}"), report.runId());
    List<RunEvent.StepLog> logs = recorder.of(RunEvent.StepLog.class);
    assertEquals("a", logs.get(0).stepId());
    assertEquals("INFO", logs.get(0).level());
    assertEquals("found 2 users", logs.get(0).message());
    assertEquals("WARN", logs.get(1).level());
    assertEquals("slow: IllegalStateException: 429", logs.get(1).message());
    RunEvent.StepCompleted completed = recorder.of(RunEvent.StepCompleted.class).get(0);
    assertEquals(Map.of("user", 2), completed.entityCounts());
    assertEquals(1, completed.relationshipCount());
    assertEquals("IllegalStateException: boom",
        recorder.of(RunEvent.StepFailed.class).get(0).errorSummary());
  }

  /**
   * One rule for every event: what a listener throws, exception or error, on the run's first event
   * or a step's, changes no step's outcome and does not stop the run; it is reported once.
   */
  @Test
  void aThrowingListenerChangesNoOutcomeWhateverTheEventAndIsReportedOnce() {
    ConnectorGraph graph =
        ConnectorGraph.builder("listener", "")
            .step("a", "", List.of(), 0, ctx -> ctx.emit(Entity.of("user", "u-1")))
            .step("b", "", List.of("a"), 1, ctx -> ctx.log().info("hello"))
            .build();
    Recorder recorder = new Recorder();

    RunReport report =
        ConnectorRunner.builder(graph)
            .listener(new RunListener() {
              @Override
              public void onEvent(RunEvent event) {
                if (event instanceof RunEvent.RunStarted) {
                  throw new IllegalStateException("on run-started");
                }
                if (event instanceof RunEvent.StepStarted) {
                  throw new AssertionError("on step-started");
                }
                if (event instanceof RunEvent.StepCompleted) {
                  throw new StackOverflowError("on step-completed");
                }
              }

              @Override
              public String toString() {
                return "broken";
              }
            })
            .listener(recorder)
            .build()
            .run();

    assertTrue(report.succeeded());
    assertEquals(List.of("u-1"), report.entities().stream().map(Entity::key).toList());
    assertEquals(
        List.of("listener broken threw IllegalStateException: on run-started (and 4 more times)"),
        report.warnings());
    assertEquals(1, recorder.of(RunEvent.RunFinished.class).size());
  }

  @Test
  void aRunnerRunsOnce() {
    ConnectorGraph graph =
        ConnectorGraph.builder("once", "").step("a", "", List.of(), 0, ctx -> {}).build();
    ConnectorRunner runner = ConnectorRunner.builder(graph).build();
    runner.run();

    IllegalStateException e =
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, runner::run);
    assertTrue(e.getMessage().contains("runs once"));
  }
}
