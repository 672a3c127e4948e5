package dev.stepgraph.runtime.run;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.NonRetryableException;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.StepSkippedException;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.RetryPolicy;
import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.internal.RunScenarios;
import dev.stepgraph.runtime.internal.Sleeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step policies through the embedding API: timeouts, retries, skips. Backoff waits go to a
 * recording sleeper; timeouts are short and hit steps blocked on latches, so outcomes never depend
 * on how fast the machine is. Nothing sleeps.
 */
@Timeout(120)
class StepPoliciesTest {
  private static final long WAIT = 30;
  private static final Duration SHORT = Duration.ofMillis(20);

  /** Records the requested backoff delays and returns at once. */
  private static final class RecordingSleeper implements Sleeper {
    final List<Duration> delays = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
      delays.add(duration);
    }
  }

  private static StepPolicy retry(int attempts, long backoffMs, double multiplier, long maxMs) {
    return StepPolicy.DEFAULT.withRetry(
        RetryPolicy.of(
            attempts, Duration.ofMillis(backoffMs), multiplier, Duration.ofMillis(maxMs), 0));
  }

  private static final StepPolicy SKIP = StepPolicy.DEFAULT.withSkipOnDependencyFailure(true);

  /** Runs the graph with backoff waits going to {@code sleeper} and events to {@code recorder}. */
  private static RunReport run(ConnectorGraph graph, Sleeper sleeper, Recorder recorder) {
    return ConnectorRunner.builder(graph).sleeper(sleeper).listener(recorder).build().run();
  }

  private static StepResult result(RunReport report, String step) {
    return report.step(step).orElseThrow();
  }

  private static List<String> keys(List<Entity> entities) {
    List<String> keys = new ArrayList<>();
    for (Entity entity : entities) {
      keys.add(entity.key());
    }
    return keys;
  }

  // ---- timeouts

  @Test
  void anAttemptPastItsTimeoutIsInterruptedAndTheStepTimesOut() {
    CountDownLatch never = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    ConnectorGraph graph =
        ConnectorGraph.builder("timeout", "")
            .step("users", "", List.of(), 0, StepPolicy.DEFAULT.withTimeout(SHORT), ctx -> {
              ctx.emit(Entity.of("user", "u-1"));
              try {
                never.await();
              } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
              }
            })
            .build();
    Recorder recorder = new Recorder();

    RunReport report = ConnectorRunner.builder(graph).listener(recorder).build().run();

    StepResult users = result(report, "users");
    assertEquals(StepStatus.TIMED_OUT, users.status());
    assertInstanceOf(TimeoutException.class, users.error());
    assertEquals("timed out after 20ms", users.error().getMessage());
    assertEquals("TimeoutException: timed out after 20ms", users.reason());
    assertEquals(1, users.attempts());
    assertEquals(List.of(), report.entities());
    assertTrue(report.hasFailures());
    RunEvent.StepTimedOut event = recorder.of(RunEvent.StepTimedOut.class).get(0);
    assertEquals("users", event.stepId());
    assertEquals(SHORT, event.timeout());
    assertEquals(1, recorder.of(RunEvent.RunFinished.class).get(0).count(StepStatus.TIMED_OUT));
    assertTrue(recorder.of(RunEvent.StepFailed.class).isEmpty());
    // the interrupt reaches the step's thread, though the run does not wait for it to notice
  }

  @Test
  void aStepThatIgnoresInterruptsHoldsUpNeitherItsSiblingsNorTheNextWave() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch interruptSeen = new CountDownLatch(1);
    CountDownLatch lateEmitDone = new CountDownLatch(1);
    AtomicReference<Throwable> lateEmitError = new AtomicReference<>();
    AtomicBoolean stuckWhileNextRan = new AtomicBoolean();
    AtomicReference<List<String>> nextSaw = new AtomicReference<>();
    ConnectorGraph graph =
        ConnectorGraph.builder("stubborn", "")
            .step("stuck", "", List.of(), 0, StepPolicy.DEFAULT.withTimeout(SHORT), ctx -> {
              ctx.emit(Entity.of("host", "shared"));
              while (true) {
                try {
                  release.await();
                  break;
                } catch (InterruptedException swallowed) {
                  interruptSeen.countDown();
                }
              }
              try {
                ctx.emit(Entity.of("host", "late"));
                ctx.emit(Relationship.of("late", "late", "shared"));
                ctx.log().info("late line");
              } catch (Throwable t) {
                lateEmitError.set(t);
              }
              lateEmitDone.countDown();
            })
            .step("sibling", "", List.of(), 0, ctx -> ctx.emit(Entity.of("user", "u-1")))
            .step("next", "", List.of("sibling"), 1, ctx -> {
              stuckWhileNextRan.set(release.getCount() == 1);
              List<Entity> seen = new ArrayList<>();
              for (String type : ctx.prior().entityTypes()) {
                seen.addAll(ctx.prior().entitiesByType(type));
              }
              nextSaw.set(keys(seen));
              ctx.emit(Entity.of("host", "shared")); // the stuck step's key was released
            })
            .build();
    Recorder recorder = new Recorder();

    RunReport report = ConnectorRunner.builder(graph).listener(recorder).build().run();

    assertEquals(1, release.getCount(), "the run ended while the stuck step was still stuck");
    assertTrue(stuckWhileNextRan.get(), "the next wave ran while the stuck step was stuck");
    assertTrue(interruptSeen.await(WAIT, TimeUnit.SECONDS));
    release.countDown();
    assertTrue(lateEmitDone.await(WAIT, TimeUnit.SECONDS));

    assertNull(lateEmitError.get(), "late emissions are ignored, not thrown at the step");
    assertEquals(StepStatus.TIMED_OUT, result(report, "stuck").status());
    assertEquals(StepStatus.SUCCEEDED, result(report, "sibling").status());
    assertEquals(StepStatus.SUCCEEDED, result(report, "next").status());
    assertEquals(List.of("u-1"), nextSaw.get());
    assertEquals(List.of("u-1", "shared"), keys(report.entities()));
    assertEquals(List.of(), report.relationships());
    for (RunEvent.StepLog line : recorder.of(RunEvent.StepLog.class)) {
      assertFalse(line.message().equals("late line"), "late log lines are dropped");
    }
  }

  /**
   * In a JVM of its own, whose main runs a step that ignores the interrupt of its timeout and
   * never returns, then returns without System.exit: the JVM must end by itself, as it does only
   * when no thread the run started is a non-daemon one.
   */
  @Test
  void aStepThreadLeftBehindByATimeoutDoesNotKeepTheJvmAlive(@TempDir Path dir) throws Exception {
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    Process process =
        new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                RunScenarios.class.getName(), "stuck-past-timeout")
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();

    boolean ended = process.waitFor(WAIT, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly().waitFor();
    }

    String printed = Files.readString(stdout) + Files.readString(stderr);
    assertTrue(ended, "the JVM was still alive after " + WAIT + " s; it printed:\n" + printed);
    assertEquals(0, process.exitValue(), printed);
    assertEquals(
        List.of("stuck: TIMED_OUT, interrupted: true, still running: true"),
        Files.readAllLines(stdout),
        "the step's thread was still running when main returned: " + printed);
  }

  // ---- retries

  @Test
  void aFailingStepIsRetriedWithExponentialBackoffUntilItSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    ConnectorGraph graph =
        ConnectorGraph.builder("retry", "")
            .step("users", "", List.of(), 0, retry(4, 100, 2.0, 60_000), ctx -> {
              if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("HTTP 503 (call " + calls.get() + ")");
              }
              ctx.emit(Entity.of("user", "u-1"));
            })
            .build();
    RecordingSleeper sleeper = new RecordingSleeper();
    Recorder recorder = new Recorder();

    RunReport report = run(graph, sleeper, recorder);

    StepResult users = result(report, "users");
    assertEquals(StepStatus.SUCCEEDED, users.status());
    assertEquals(3, users.attempts());
    assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), sleeper.delays);
    List<RunEvent.StepRetrying> retries = recorder.of(RunEvent.StepRetrying.class);
    assertEquals(2, retries.size());
    assertEquals(2, retries.get(0).attempt());
    assertEquals(4, retries.get(0).attempts());
    assertEquals(Duration.ofMillis(100), retries.get(0).delay());
    assertEquals("IllegalStateException: HTTP 503 (call 1)", retries.get(0).errorSummary());
    assertEquals(3, retries.get(1).attempt());
    assertEquals("IllegalStateException: HTTP 503 (call 2)", retries.get(1).errorSummary());
    assertEquals(3, recorder.of(RunEvent.StepCompleted.class).get(0).attempts());
    assertEquals(1, recorder.of(RunEvent.StepStarted.class).size());
  }

  @Test
  void backoffIsCappedAtMaxBackoffAndTheStepFailsAfterItsLastAttempt() {
    AtomicInteger calls = new AtomicInteger();
    ConnectorGraph graph =
        ConnectorGraph.builder("capped", "")
            .step("users", "", List.of(), 0, retry(5, 1000, 3.0, 5000), ctx -> {
              calls.incrementAndGet();
              throw new AssertionError("an Error is retried too");
            })
            .build();
    RecordingSleeper sleeper = new RecordingSleeper();
    Recorder recorder = new Recorder();

    RunReport report = run(graph, sleeper, recorder);

    assertEquals(5, calls.get());
    assertEquals(
        List.of(
            Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(5),
            Duration.ofSeconds(5)),
        sleeper.delays);
    StepResult users = result(report, "users");
    assertEquals(StepStatus.FAILED, users.status());
    assertEquals(5, users.attempts());
    assertEquals("AssertionError: an Error is retried too", users.reason());
    RunEvent.StepFailed failed = recorder.of(RunEvent.StepFailed.class).get(0);
    assertEquals(5, failed.attempts());
  }

  /** The processor accepts any backoff a Duration holds; past Long.MAX_VALUE ms one failed. */
  @Test
  void aBackoffOfMoreMillisecondsThanALongHoldsIsWaitedOutRatherThanOverflowing() {
    Duration longest = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
    AtomicInteger calls = new AtomicInteger();
    ConnectorGraph graph =
        ConnectorGraph.builder("patient", "")
            .step("users", "", List.of(), 0,
                StepPolicy.DEFAULT.withRetry(
                    RetryPolicy.of(3, Duration.ofSeconds(Long.MAX_VALUE / 2), 2.0, longest, 0)),
                ctx -> {
                  throw new IllegalStateException(
                      "HTTP 503 (call " + calls.incrementAndGet() + ")");
                })
            .build();
    RecordingSleeper sleeper = new RecordingSleeper();

    RunReport report = run(graph, sleeper, new Recorder());

    StepResult users = result(report, "users");
    assertEquals("IllegalStateException: HTTP 503 (call 3)", users.reason());
    assertEquals(3, users.attempts());
    // Past Long.MAX_VALUE milliseconds a backoff counts as that many, so maxBackoff caps it.
    assertEquals(List.of(longest, longest), sleeper.delays);
    RetryPolicy jittered = RetryPolicy.of(2, longest, 1.0, longest, 0.2);
    assertEquals(longest, jittered.delayAfter(1));
    assertEquals(Duration.ofMillis(Long.MAX_VALUE), jittered.delayAfter(1, () -> 0.99));
  }

  @Test
  void jitterSpreadsEachDelayUniformlyAroundTheBackoff() {
    Iterator<Double> randoms = List.of(0.0, 0.75, 0.5).iterator();
    ConnectorGraph graph =
        ConnectorGraph.builder("jitter", "")
            .step(
                "users", "", List.of(), 0,
                StepPolicy.DEFAULT.withRetry(
                    RetryPolicy.of(4, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(3), 0.5)),
                ctx -> {
                  throw new IllegalStateException("down");
                })
            .build();
    RecordingSleeper sleeper = new RecordingSleeper();

    ConnectorRunner.builder(graph).sleeper(sleeper).jitter(randoms::next).build().run();

    // d = 1s, 2s, 3s (capped); jittered into [d/2, 3d/2]: 0.0 -> low end, 0.75 -> 1.25 d, 0.5 -> d
    assertEquals(
        List.of(Duration.ofMillis(500), Duration.ofMillis(2500), Duration.ofSeconds(3)),
        sleeper.delays);
  }

  @Test
  void eachAttemptStartsWithACleanSlate() {
    AtomicInteger calls = new AtomicInteger();
    ConnectorGraph graph =
        ConnectorGraph.builder("slate", "")
            .step("users", "", List.of(), 0, retry(2, 0, 1.0, 0), ctx -> {
              ctx.emit(Entity.of("user", "k"));
              ctx.emit(Relationship.of("self", "k", "k"));
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first attempt fails after emitting");
              }
            })
            .build();

    RunReport report = ConnectorRunner.builder(graph).sleeper(new RecordingSleeper()).build().run();

    assertEquals(StepStatus.SUCCEEDED, result(report, "users").status());
    assertEquals(List.of("k"), keys(report.entities()));
    assertEquals(1, report.relationships().size());
  }

  @Test
  void aNonRetryableExceptionFailsTheStepAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    ConnectorGraph graph =
        ConnectorGraph.builder("auth", "")
            .step("users", "", List.of(), 0, retry(5, 100, 2.0, 1000), ctx -> {
              calls.incrementAndGet();
              throw new NonRetryableException("HTTP 401: check api.token");
            })
            .build();
    RecordingSleeper sleeper = new RecordingSleeper();

    RunReport report = ConnectorRunner.builder(graph).sleeper(sleeper).build().run();

    assertEquals(1, calls.get());
    assertEquals(List.of(), sleeper.delays);
    StepResult users = result(report, "users");
    assertEquals(StepStatus.FAILED, users.status());
    assertEquals(1, users.attempts());
    assertEquals("NonRetryableException: HTTP 401: check api.token", users.reason());
  }

  @Test
  void aTimedOutAttemptIsRetriedAndTheRetryCanSucceed() {
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    ConnectorGraph graph =
        ConnectorGraph.builder("slow-then-fast", "")
            .step(
                "users", "", List.of(), 0,
                retry(2, 0, 1.0, 0).withTimeout(SHORT),
                ctx -> {
                  if (calls.incrementAndGet() == 1) {
                    ctx.emit(Entity.of("user", "k"));
                    never.await();
                  }
                  ctx.emit(Entity.of("user", "k"));
                })
            .build();
    Recorder recorder = new Recorder();

    RunReport report = run(graph, new RecordingSleeper(), recorder);

    StepResult users = result(report, "users");
    assertEquals(StepStatus.SUCCEEDED, users.status());
    assertEquals(2, users.attempts());
    assertEquals(List.of("k"), keys(report.entities()));
    assertEquals(
        "TimeoutException: timed out after 20ms",
        recorder.of(RunEvent.StepRetrying.class).get(0).errorSummary());
  }

  @Test
  void aStepTimingOutOnEveryAttemptEndsTimedOut() {
    CountDownLatch never = new CountDownLatch(1);
    ConnectorGraph graph =
        ConnectorGraph.builder("always-slow", "")
            .step("users", "", List.of(), 0, retry(3, 0, 1.0, 0).withTimeout(SHORT), ctx -> never.await())
            .build();
    Recorder recorder = new Recorder();

    RunReport report = run(graph, new RecordingSleeper(), recorder);

    assertEquals(StepStatus.TIMED_OUT, result(report, "users").status());
    assertEquals(3, result(report, "users").attempts());
    assertEquals(3, recorder.of(RunEvent.StepTimedOut.class).get(0).attempts());
  }

  @Test
  void cancellingDuringTheBackoffStopsTheRetriesAtOnce() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch inBackoff = new CountDownLatch(1);
    ConnectorGraph graph =
        ConnectorGraph.builder("cancel-backoff", "")
            .step("users", "", List.of(), 0, retry(3, 60_000, 1.0, 60_000), ctx -> {
              calls.incrementAndGet();
              throw new IllegalStateException("HTTP 503");
            })
            .step("later", "", List.of("users"), 1, ctx -> {})
            .build();
    ConnectorRunner runner =
        ConnectorRunner.builder(graph)
            .sleeper(delay -> {
              inBackoff.countDown();
              new CountDownLatch(1).await(); // until interrupted by the cancel
            })
            .build();
    AtomicReference<RunReport> report = new AtomicReference<>();
    Thread running = new Thread(() -> report.set(runner.run()));
    running.start();
    assertTrue(inBackoff.await(WAIT, TimeUnit.SECONDS));

    runner.cancel();
    running.join(TimeUnit.SECONDS.toMillis(WAIT));

    assertFalse(running.isAlive());
    assertEquals(1, calls.get());
    StepResult users = result(report.get(), "users");
    assertEquals(StepStatus.CANCELLED, users.status());
    assertEquals(1, users.attempts());
    assertEquals(StepStatus.NOT_RUN, result(report.get(), "later").status());
  }

  // ---- skipping

  @Test
  void skipOnDependencyFailureSkipsTransitivelyThroughSkippingStepsAndStopsAtRunningOnes() {
    CountDownLatch never = new CountDownLatch(1);
    List<String> ran = new CopyOnWriteArrayList<>();
    ConnectorGraph graph =
        ConnectorGraph.builder("skips", "")
            .step("hosts", "", List.of(), 0, ctx -> {
              throw new IllegalStateException("down");
            })
            .step("users", "", List.of(), 0, StepPolicy.DEFAULT.withTimeout(SHORT), ctx -> never.await())
            .step("roles", "", List.of(), 0, ctx -> ctx.emit(Entity.of("role", "r-1")))
            .step("services", "", List.of("roles", "hosts"), 1, SKIP, ctx -> ran.add("services"))
            .step("groups", "", List.of("users"), 1, SKIP, ctx -> ran.add("groups"))
            .step("policies", "", List.of("roles"), 1, SKIP, ctx -> ran.add("policies"))
            .step("audit", "", List.of("services"), 2, SKIP, ctx -> ran.add("audit"))
            .step("summary", "", List.of("services"), 2, ctx -> ran.add("summary"))
            .step("final", "", List.of("summary"), 3, SKIP, ctx -> ran.add("final"))
            .build();
    Recorder recorder = new Recorder();

    RunReport report = ConnectorRunner.builder(graph).listener(recorder).build().run();

    assertEquals(List.of("policies", "summary", "final"), ran);
    StepResult services = result(report, "services");
    assertEquals(StepStatus.SKIPPED, services.status());
    assertEquals("dependency 'hosts' failed", services.reason());
    assertEquals("dependency 'hosts' failed", services.skipReason());
    assertEquals(0, services.attempts());
    assertNull(services.error());
    assertEquals("dependency 'users' timed out", result(report, "groups").reason());
    assertEquals(StepStatus.SKIPPED, result(report, "audit").status());
    assertEquals("dependency 'services' was skipped", result(report, "audit").reason());
    assertEquals(StepStatus.SUCCEEDED, result(report, "summary").status());
    assertEquals(StepStatus.SUCCEEDED, result(report, "final").status());
    assertEquals(3, report.count(StepStatus.SKIPPED));
    List<String> skipped = new ArrayList<>();
    for (RunEvent.StepSkipped event : recorder.of(RunEvent.StepSkipped.class)) {
      skipped.add(event.stepId() + ": " + event.reason());
    }
    assertEquals(
        List.of(
            "services: dependency 'hosts' failed",
            "groups: dependency 'users' timed out",
            "audit: dependency 'services' was skipped"),
        skipped);
    List<String> started = new ArrayList<>();
    for (RunEvent.StepStarted event : recorder.of(RunEvent.StepStarted.class)) {
      started.add(event.stepId());
    }
    assertTrue(started.contains("summary"), started.toString());
    for (String id : List.of("services", "groups", "audit")) {
      assertFalse(started.contains(id), id + ": skipped steps never start, started " + started);
    }
  }

  @Test
  void aStepThatSkipsItselfEndsSkippedItsEmissionsDiscardedAndIsNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    ConnectorGraph graph =
        ConnectorGraph.builder("self-skip", "")
            .step("org", "", List.of(), 0, retry(3, 0, 1.0, 0), ctx -> {
              calls.incrementAndGet();
              ctx.emit(Entity.of("account", "a-1"));
              ctx.skip("no organization configured");
            })
            .step("next", "", List.of("org"), 1, ctx -> ctx.emit(Entity.of("account", "a-1")))
            .build();
    RecordingSleeper sleeper = new RecordingSleeper();
    Recorder recorder = new Recorder();

    RunReport report = run(graph, sleeper, recorder);

    assertEquals(1, calls.get());
    assertEquals(List.of(), sleeper.delays);
    StepResult org = result(report, "org");
    assertEquals(StepStatus.SKIPPED, org.status());
    assertEquals("no organization configured", org.reason());
    assertEquals(List.of(), org.entities());
    assertEquals(StepStatus.SUCCEEDED, result(report, "next").status(), "the key was released");
    assertEquals(List.of("a-1"), keys(report.entities()));
    assertFalse(report.hasFailures());
    assertEquals(
        "no organization configured", recorder.of(RunEvent.StepSkipped.class).get(0).reason());
  }

  @Test
  void aStepThatCatchesItsOwnSkipStillEndsSkipped() {
    ConnectorGraph graph =
        ConnectorGraph.builder("caught-skip", "")
            .step("org", "", List.of(), 0, ctx -> {
              try {
                ctx.skip("nothing to collect");
              } catch (RuntimeException swallowed) {
                ctx.emit(Entity.of("account", "a-1"));
              }
            })
            .build();

    RunReport report = ConnectorRunner.builder(graph).build().run();

    assertEquals(StepStatus.SKIPPED, result(report, "org").status());
    assertEquals("nothing to collect", result(report, "org").reason());
    assertEquals(List.of(), report.entities());
  }

  @Test
  void throwingStepSkippedExceptionSkipsTheStepToo() {
    ConnectorGraph graph =
        ConnectorGraph.builder("thrown-skip", "")
            .step("org", "", List.of(), 0, ctx -> {
              throw new StepSkippedException("disabled in config");
            })
            .build();

    RunReport report = ConnectorRunner.builder(graph).build().run();

    assertEquals(StepStatus.SKIPPED, result(report, "org").status());
    assertEquals("disabled in config", result(report, "org").reason());
  }

  // ---- policy values

  @Test
  void aPolicyDescribesOnlyWhatDiffersFromTheDefault() {
    assertEquals("", StepPolicy.DEFAULT.describe());
    assertEquals(
        "timeout 30s, retry 3 attempts (backoff 500ms, x2.0, max 1m, jitter 0.2)",
        StepPolicy.DEFAULT
            .withTimeout(Duration.ofSeconds(30))
            .withRetry(
                RetryPolicy.of(3, Duration.ofMillis(500), 2.0, Duration.ofMinutes(1), 0.2))
            .describe());
    assertEquals("on dependency failure skip", SKIP.describe());
  }

  @Test
  void jitteredDelaysStayWithinTheSpread() {
    RetryPolicy policy = RetryPolicy.of(3, Duration.ofSeconds(10), 2.0, Duration.ofMinutes(1), 0.2);

    assertEquals(Duration.ofSeconds(8), policy.delayAfter(1, () -> 0.0));
    assertEquals(Duration.ofSeconds(10), policy.delayAfter(1, () -> 0.5));
    assertEquals(Duration.ofMillis(23_992), policy.delayAfter(2, () -> 0.999));
    RetryPolicy noJitter = RetryPolicy.of(3, Duration.ofSeconds(10), 2.0, Duration.ofMinutes(1), 0);
    assertEquals(
        Duration.ofSeconds(20),
        noJitter.delayAfter(2, () -> {
          throw new AssertionError("no random number needed without jitter");
        }));
  }
}
