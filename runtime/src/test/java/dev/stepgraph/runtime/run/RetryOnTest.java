package dev.stepgraph.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.ConfigException;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.NonRetryableException;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.RetryPolicy;
import dev.stepgraph.runtime.graph.StepBody;
import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.internal.Sleeper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What is retried: never what cannot succeed on a retry (a missing configuration key, a duplicate
 * entity key, a {@link NonRetryableException}); else what {@code retryOn} names (everything by
 * default) but not what {@code noRetryOn} names. Backoff waits go to a recording sleeper.
 */
@Timeout(120)
class RetryOnTest {
  private static final RetryPolicy THREE = RetryPolicy.of(3, Duration.ofMillis(100), 1.0, Duration.ofMillis(100), 0);

  /** Records the backoff waits and returns at once. */
  private static final class RecordingSleeper implements Sleeper {
    final List<Duration> delays = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
      delays.add(duration);
    }
  }

  /** How often the one step of a graph with this retry policy ran, and how it ended. */
  private record Outcome(int attempts, int bodyCalls, int waits, StepStatus status, String reason) {}

  private static Outcome runOne(RetryPolicy retry, Config config, StepBody body) {
    AtomicInteger calls = new AtomicInteger();
    ConnectorGraph graph =
        ConnectorGraph.builder("retries", "")
            .step("users", "", List.of(), 0, StepPolicy.DEFAULT.withRetry(retry), ctx -> {
              calls.incrementAndGet();
              body.run(ctx);
            })
            .build();
    RecordingSleeper sleeper = new RecordingSleeper();
    RunReport report = ConnectorRunner.builder(graph).config(config).sleeper(sleeper).build().run();
    StepResult users = report.step("users").orElseThrow();
    return new Outcome(users.attempts(), calls.get(), sleeper.delays.size(), users.status(), users.reason());
  }

  private static Outcome runOne(RetryPolicy retry, StepBody body) {
    return runOne(retry, Config.of(Map.of(), Map.of()), body);
  }

  @Test
  void aMissingConfigurationKeyFailsTheStepAtOnceWithoutRetrying() {
    Outcome outcome = runOne(THREE, ctx -> ctx.config().require("api.token"));

    assertEquals(
        new Outcome(1, 1, 0, StepStatus.FAILED,
            "ConfigException: config key 'api.token' is not set: set environment variable API_TOKEN"
                + " or pass --config FILE with 'api.token' in it"),
        outcome);
  }

  @Test
  void aMalformedConfigurationValueIsNotRetriedEither() {
    Outcome outcome =
        runOne(THREE, Config.of(Map.of("page.size", "ten"), Map.of()), ctx -> ctx.config().getInt("page.size", 10));

    assertEquals(1, outcome.bodyCalls());
    assertEquals("ConfigException: config key 'page.size' (from the configuration) is not an int", outcome.reason());
  }

  @Test
  void aDuplicateEntityKeyIsNotRetriedEvenWhenTheStepCatchesWhatEmitThrew() {
    Outcome thrown = runOne(THREE, ctx -> {
      ctx.emit(Entity.of("user", "u-1"));
      ctx.emit(Entity.of("user", "u-1"));
    });
    Outcome caught = runOne(THREE, ctx -> {
      ctx.emit(Entity.of("user", "u-1"));
      try {
        ctx.emit(Entity.of("user", "u-1"));
      } catch (IllegalStateException ignored) {
        // the step goes on, but the duplicate still fails it
      }
    });

    String reason = "IllegalStateException: step 'users': duplicate entity key 'u-1': already emitted by step"
        + " 'users' (this step)";
    assertEquals(new Outcome(1, 1, 0, StepStatus.FAILED, reason), thrown);
    assertEquals(new Outcome(1, 1, 0, StepStatus.FAILED, reason), caught);
  }

  @Test
  void aDuplicateOfAnotherStepsKeyIsNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    ConnectorGraph graph =
        ConnectorGraph.builder("duplicates", "")
            .step("hosts", "", List.of(), 0, ctx -> ctx.emit(Entity.of("host", "h-1")))
            .step("more-hosts", "", List.of("hosts"), 1, StepPolicy.DEFAULT.withRetry(THREE), ctx -> {
              calls.incrementAndGet();
              ctx.emit(Entity.of("host", "h-1"));
            })
            .build();

    RunReport report = ConnectorRunner.builder(graph).sleeper(new RecordingSleeper()).build().run();

    assertEquals(1, calls.get());
    assertEquals(StepStatus.FAILED, report.step("more-hosts").orElseThrow().status());
  }

  @Test
  void retryOnRetriesOnlyTheNamedTypesAndTheirSubclasses() {
    RetryPolicy onIo = THREE.withRetryOn(IOException.class);

    assertEquals(3, runOne(onIo, ctx -> {
      throw new IOException("connection reset");
    }).bodyCalls());
    assertEquals(3, runOne(onIo, ctx -> {
      throw new java.net.SocketTimeoutException("read timed out");
    }).bodyCalls(), "a subclass of a listed type");
    Outcome other = runOne(onIo, ctx -> {
      throw new IllegalStateException("HTTP 400");
    });
    assertEquals(new Outcome(1, 1, 0, StepStatus.FAILED, "IllegalStateException: HTTP 400"), other);
    assertEquals(1, runOne(onIo, ctx -> {
      throw new UncheckedIOException(new IOException("wrapped"));
    }).bodyCalls(), "the type thrown counts, not that of its cause");
  }

  @Test
  void noRetryOnWinsOverASuperclassInRetryOn() {
    RetryPolicy policy = THREE.withRetryOn(IOException.class).withNoRetryOn(FileNotFoundException.class);

    assertEquals(1, runOne(policy, ctx -> {
      throw new FileNotFoundException("/v1/users");
    }).bodyCalls());
    assertEquals(3, runOne(policy, ctx -> {
      throw new IOException("connection reset");
    }).bodyCalls());
    assertEquals(1, runOne(THREE.withNoRetryOn(IllegalArgumentException.class), ctx -> {
      throw new NumberFormatException("x");
    }).bodyCalls(), "noRetryOn alone: everything else is retried, this never");
  }

  @Test
  void nothingListedInRetryOnRetriesANonRetryableException() {
    RetryPolicy everything = THREE.withRetryOn(Throwable.class);

    assertEquals(1, runOne(everything, ctx -> {
      throw new NonRetryableException("HTTP 401");
    }).bodyCalls());
    assertEquals(1, runOne(everything, ctx -> ctx.config().require("api.token")).bodyCalls());
  }

  @Test
  void aTimedOutAttemptCountsAsATimeoutException() {
    CountDownLatch never = new CountDownLatch(1);
    StepBody hangs = ctx -> never.await();
    RetryPolicy onIo = RetryPolicy.of(3, Duration.ZERO, 1.0, Duration.ZERO, 0).withRetryOn(IOException.class);
    RetryPolicy onTimeout = onIo.withRetryOn(IOException.class, TimeoutException.class);

    assertEquals(1, runTimingOut(onIo, hangs));
    assertEquals(3, runTimingOut(onTimeout, hangs));
  }

  private static int runTimingOut(RetryPolicy retry, StepBody body) {
    ConnectorGraph graph =
        ConnectorGraph.builder("slow", "")
            .step("users", "", List.of(), 0,
                StepPolicy.DEFAULT.withRetry(retry).withTimeout(Duration.ofMillis(20)), body)
            .build();
    StepResult users =
        ConnectorRunner.builder(graph).sleeper(new RecordingSleeper()).build().run().step("users").orElseThrow();
    assertEquals(StepStatus.TIMED_OUT, users.status());
    return users.attempts();
  }

  @Test
  void retriesOnSaysWhichFailuresARetryFollows() {
    RetryPolicy policy = THREE.withRetryOn(IOException.class).withNoRetryOn(FileNotFoundException.class);
    assertTrue(policy.retriesOn(new IOException()));
    assertFalse(policy.retriesOn(new FileNotFoundException()));
    assertFalse(policy.retriesOn(new IllegalStateException()));
    assertFalse(THREE.retriesOn(new ConfigException("x")));
    assertTrue(THREE.retriesOn(new IllegalStateException()));
    assertEquals(List.of(IOException.class), policy.retryOn());
    assertEquals(List.of(FileNotFoundException.class), policy.noRetryOn());
    assertEquals(THREE, RetryPolicy.of(3, Duration.ofMillis(100), 1.0, Duration.ofMillis(100), 0));
    assertThrows(NullPointerException.class, () -> THREE.withRetryOn((Class<? extends Throwable>) null));
  }

  @Test
  void planDescribesWhichFailuresAreRetried() {
    StepPolicy policy = StepPolicy.DEFAULT.withRetry(THREE.withRetryOn(IOException.class, TimeoutException.class)
        .withNoRetryOn(FileNotFoundException.class));
    assertEquals(
        "retry 3 attempts on IOException or TimeoutException except FileNotFoundException (backoff 100ms, x1.0,"
            + " max 100ms, jitter 0.0)",
        policy.describe());
    assertEquals(
        "retry 3 attempts except FileNotFoundException (backoff 100ms, x1.0, max 100ms, jitter 0.0)",
        StepPolicy.DEFAULT.withRetry(THREE.withNoRetryOn(FileNotFoundException.class)).describe());
    assertEquals(
        "retry 3 attempts (backoff 100ms, x1.0, max 100ms, jitter 0.0)",
        StepPolicy.DEFAULT.withRetry(THREE).describe());
  }
}
