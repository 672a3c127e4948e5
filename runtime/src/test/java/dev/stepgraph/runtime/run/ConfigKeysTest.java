package dev.stepgraph.runtime.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.graph.ConfigKeyDefinition;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.ConnectorInstance;
import dev.stepgraph.runtime.graph.RetryPolicy;
import dev.stepgraph.runtime.graph.StepPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The embedding API and a connector's declared configuration: {@code build()} checks it before
 * anything runs; events and the report mask the values of secret keys.
 */
class ConfigKeysTest {
  private static final String SECRET = "s3cr3t-value";

  private final AtomicInteger stepsRun = new AtomicInteger();

  private ConnectorGraph.Builder github() {
    return ConnectorGraph.builder("github", "")
        .configKey(ConfigKeyDefinition.required("api.token", "").asSecret())
        .configKey(ConfigKeyDefinition.optional("api.page-size", ""))
        .step("users", "", List.of(), ctx -> stepsRun.incrementAndGet())
        .step("repos", "", List.of("users"), ctx -> stepsRun.incrementAndGet());
  }

  @Test
  void buildChecksTheConfigurationOfTheSelectedGraphToo() {
    ConnectorRunner.Builder runner =
        ConnectorRunner.builder(github().build()).steps(List.of("users"));

    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, runner::build);

    assertEquals(
        "required config key 'api.token' is not set: set environment variable API_TOKEN, or pass"
            + " --config FILE with 'api.token' in it",
        missing.getMessage());
    assertEquals(0, stepsRun.get());
  }

  @Test
  void anUndeclaredKeyOfAMapIsAnErrorAsOneOfAFile() {
    ConnectorRunner.Builder runner =
        ConnectorRunner.builder(github().build())
            .config(Config.of(Map.of("api.token", SECRET, "api.page_size", "10"), Map.of()));

    IllegalArgumentException undeclared = assertThrows(IllegalArgumentException.class, runner::build);

    assertEquals(
        "config key 'api.page_size' in the configuration is not declared by connector 'github';"
            + " did you mean 'api.page-size' (environment variable API_PAGE_SIZE)?",
        undeclared.getMessage());
  }

  @Test
  void aSelectedGraphKeepsTheKeys() {
    ConnectorGraph graph = github().build();

    assertEquals(graph.configKeys(), graph.select(List.of("users")).configKeys());
    assertEquals(
        List.of(
            new ConfigKeyDefinition("api.token", true, true, ""),
            new ConfigKeyDefinition("api.page-size", false, false, "")),
        graph.configKeys());
  }

  @Test
  void eventsAndTheReportMaskSecretsAndKeepTheErrorsClassAndStackTrace() {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicInteger attempts = new AtomicInteger();
    ConnectorGraph graph = ConnectorGraph.builder("github", "")
        .configKey(ConfigKeyDefinition.required("api.token", "").asSecret())
        .step("users", "", List.of(),
            StepPolicy.DEFAULT.withRetry(RetryPolicy.of(2, Duration.ZERO, 1.0, Duration.ZERO, 0)),
            ctx -> {
              ctx.log().info("token {}", ctx.config().require("api.token"));
              IllegalStateException error = new IllegalStateException(
                  "refused " + SECRET, new java.io.IOException("Bearer " + SECRET));
              error.addSuppressed(new RuntimeException("closing: " + SECRET));
              // As if thrown in a connector's code, which the run names as where it failed.
              StackTraceElement[] trace = error.getStackTrace();
              StackTraceElement[] connector = new StackTraceElement[trace.length + 1];
              connector[0] = new StackTraceElement("com.acme.GithubConnector", "users", "GithubConnector.java", 64);
              System.arraycopy(trace, 0, connector, 1, trace.length);
              error.setStackTrace(connector);
              thrown.set(error);
              attempts.incrementAndGet();
              throw error;
            })
        .step("teams", "", List.of(), ctx -> ctx.skip("no scope for " + SECRET))
        .step("plain", "", List.of(), ctx -> {
          throw new IllegalStateException("nothing secret here");
        })
        .build();
    Recorder events = new Recorder();

    RunReport report = ConnectorRunner.builder(graph)
        .config(Config.of(Map.of(), Map.of("API_TOKEN", SECRET)))
        .listener(events)
        .build()
        .run();

    assertEquals(2, attempts.get());
    assertEquals(List.of("token ****", "token ****"),
        events.of(RunEvent.StepLog.class).stream().map(RunEvent.StepLog::message).toList());
    assertEquals("IllegalStateException: refused ****",
        events.of(RunEvent.StepRetrying.class).get(0).errorSummary());
    RunEvent.StepFailed failed = events.of(RunEvent.StepFailed.class).stream()
        .filter(e -> e.stepId().equals("users")).findFirst().orElseThrow();
    assertEquals("IllegalStateException: refused ****", failed.errorSummary());
    // Masking keeps where it failed.
    StackTraceElement where = new StackTraceElement("com.acme.GithubConnector", "users", "GithubConnector.java", 64);
    assertEquals(where, failed.failureLocation());
    assertEquals(where, events.of(RunEvent.StepRetrying.class).get(0).failureLocation());
    assertEquals(where, report.step("users").orElseThrow().failureLocation());
    assertEquals("no scope for ****", events.of(RunEvent.StepSkipped.class).get(0).reason());

    StepResult users = report.step("users").orElseThrow();
    assertEquals("IllegalStateException: refused ****", users.reason());
    Throwable error = users.error();
    assertNotNull(error);
    assertArrayEquals(thrown.get().getStackTrace(), error.getStackTrace());
    assertEquals("java.io.IOException: Bearer ****", String.valueOf(error.getCause()));
    assertEquals("java.lang.RuntimeException: closing: ****", String.valueOf(error.getSuppressed()[0]));
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    assertFalse(trace.toString().contains(SECRET), trace.toString());
    assertEquals("no scope for ****", report.step("teams").orElseThrow().reason());

    // An error without a secret is the step's own.
    StepResult plain = report.step("plain").orElseThrow();
    assertSame(plain.error(), events.of(RunEvent.StepFailed.class).stream()
        .filter(e -> e.stepId().equals("plain")).findFirst().orElseThrow().error());
    assertEquals(IllegalStateException.class, plain.error().getClass());
  }

  @Test
  void aConstructorThatThrowsASecretHasItMasked() {
    ConnectorInstance<Object> connector = ConnectorInstance.lazy(Object.class, () -> {
      throw new IllegalStateException("token " + SECRET + " refused");
    });
    ConnectorGraph graph = ConnectorGraph.builder("github", "", connector)
        .configKey(ConfigKeyDefinition.required("api.token", "").asSecret())
        .step("users", "", List.of(), ctx -> connector.get())
        .build();
    ConnectorRunner runner = ConnectorRunner.builder(graph)
        .config(Config.of(Map.of("api.token", SECRET), Map.of()))
        .build();

    ConnectorCreationException e = assertThrows(ConnectorCreationException.class, runner::run);

    assertEquals(
        "cannot create connector java.lang.Object: its constructor threw IllegalStateException:"
            + " token **** refused",
        e.getMessage());
    assertEquals("java.lang.IllegalStateException: token **** refused", String.valueOf(e.getCause()));
  }
}
