package dev.stepgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.stepgraph.processor.Golden.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.stepgraph.runtime.ConnectorGraph;
import dev.stepgraph.runtime.RetryPolicy;
import dev.stepgraph.runtime.StepPolicy;
import java.io.IOException;
import java.time.Duration;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Step policies in the generated graph: the golden source, and the {@link StepPolicy} each step of
 * the loaded graph has. Run with {@code -Dgolden.update=true} to rewrite the golden file.
 */
class PolicyGenerationTest {
  static JavaFileObject policyConnector() {
    return Compilations.connector(
        "CloudConnector",
        "import dev.stepgraph.OnDependencyFailure;",
        "import dev.stepgraph.Retry;",
        "",
        "/** Collects a cloud account, skipping what depends on a failed step. */",
        "@Connector(id = \"cloud\", onDependencyFailure = OnDependencyFailure.SKIP)",
        "public class CloudConnector {",
        "  @Step(id = \"users\", description = \"Collect users\", timeout = \"30s\")",
        "  @Retry(attempts = 3, backoff = \"500ms\", multiplier = 2.0, maxBackoff = \"1m\", jitter = 0.2)",
        "  void users(StepContext ctx) {}",
        "",
        "  @Step(id = \"roles\", description = \"Collect roles\", onDependencyFailure = OnDependencyFailure.RUN)",
        "  @Retry",
        "  void roles(StepContext ctx) {}",
        "",
        "  @Step(id = \"hosts\", description = \"Collect hosts\", timeout = \"PT1M30S\",",
        "      onDependencyFailure = OnDependencyFailure.RUN)",
        "  @Retry(attempts = 5, backoff = \"2s\", multiplier = 1.5, maxBackoff = \"2h\", jitter = 0)",
        "  void hosts(StepContext ctx) {}",
        "",
        "  @Step(id = \"services\", description = \"Collect services on hosts\", dependsOn = \"hosts\")",
        "  void services(StepContext ctx) {}",
        "",
        "  @Step(id = \"report\", description = \"Report what was collected\", dependsOn = {\"users\", \"services\"},",
        "      onDependencyFailure = OnDependencyFailure.RUN)",
        "  void report(StepContext ctx) {}",
        "}");
  }

  @Test
  void policiesMatchGoldenFile() throws IOException {
    Compilation compilation = Compilations.compile(policyConnector());
    assertThat(compilation).succeededWithoutWarnings();
    assertGolden(
        "CloudConnector_StepGraph.java", Compilations.generated(compilation, "com.acme.CloudConnector_StepGraph"));
  }

  @Test
  void loadedGraphHasTheResolvedPolicies() throws Exception {
    ConnectorGraph graph = create(Compilations.compile(policyConnector()), "com.acme.CloudConnector_StepGraph");
    assertEquals(
        StepPolicy.DEFAULT.withTimeout(Duration.ofSeconds(30))
            .withRetry(RetryPolicy.of(3, Duration.ofMillis(500), 2.0, Duration.ofMinutes(1), 0.2))
            .withSkipOnDependencyFailure(true),
        graph.step("users").policy());
    assertEquals(
        StepPolicy.DEFAULT.withRetry(RetryPolicy.of(3, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0.2)),
        graph.step("roles").policy());
    assertEquals(
        StepPolicy.DEFAULT.withTimeout(Duration.ofSeconds(90))
            .withRetry(RetryPolicy.of(5, Duration.ofSeconds(2), 1.5, Duration.ofHours(2), 0)),
        graph.step("hosts").policy());
    assertEquals(StepPolicy.DEFAULT.withSkipOnDependencyFailure(true), graph.step("services").policy());
    assertEquals(StepPolicy.DEFAULT, graph.step("report").policy());
    assertEquals(
        "timeout 30s, retry 3 attempts (backoff 500ms, x2.0, max 1m, jitter 0.2), on dependency failure skip",
        graph.step("users").policy().describe());
  }

  @Test
  void skipOnAStepOfARunConnectorAndOneAttemptRetry() throws Exception {
    Compilation compilation = Compilations.compile(Compilations.connector(
        "AwsConnector",
        "import dev.stepgraph.OnDependencyFailure;",
        "import dev.stepgraph.Retry;",
        "",
        "public class AwsConnector {",
        "  @Step(id = \"users\") @Retry(attempts = 1) void users(StepContext ctx) {}",
        "  @Step(id = \"roles\", dependsOn = \"users\", onDependencyFailure = OnDependencyFailure.SKIP)",
        "  void roles(StepContext ctx) {}",
        "  @Step(id = \"hosts\", dependsOn = \"users\", onDependencyFailure = OnDependencyFailure.INHERIT)",
        "  void hosts(StepContext ctx) {}",
        "}"));
    assertThat(compilation).succeeded();
    ConnectorGraph graph = create(compilation, "com.acme.AwsConnector_StepGraph");
    assertEquals(StepPolicy.DEFAULT, graph.step("users").policy(), "one attempt never retries");
    assertEquals(StepPolicy.DEFAULT.withSkipOnDependencyFailure(true), graph.step("roles").policy());
    assertEquals(StepPolicy.DEFAULT, graph.step("hosts").policy());
  }

  @Test
  void durationsAndDoublesAreWrittenToReadLikeTheAnnotation() {
    assertEquals("ofMillis(500)", Durations.javaFactory(Durations.parse("500ms").orElseThrow()));
    assertEquals("ofMillis(1500)", Durations.javaFactory(Durations.parse("1500ms").orElseThrow()));
    assertEquals("ofSeconds(90)", Durations.javaFactory(Durations.parse("PT1M30S").orElseThrow()));
    assertEquals("ofMinutes(2)", Durations.javaFactory(Durations.parse("120s").orElseThrow()));
    assertEquals("ofHours(1)", Durations.javaFactory(Durations.parse("60m").orElseThrow()));
    assertEquals("ZERO", Durations.javaFactory(Durations.parse("0ms").orElseThrow()));
    assertEquals("ofSeconds(0, 1)", Durations.javaFactory(Durations.parse("PT0.000000001S").orElseThrow()));
    assertEquals("2.0", Durations.javaLiteral(2.0));
    assertEquals("0.2", Durations.javaLiteral(0.2));
    assertEquals("0.0", Durations.javaLiteral(0));
    assertEquals("0.0001", Durations.javaLiteral(1e-4));
    assertEquals("1m30s", Durations.format(Duration.ofSeconds(90)));
    assertEquals("500ms", Durations.format(Duration.ofMillis(500)));
    assertEquals(java.util.Optional.empty(), Durations.parse("99999999999999999999h"));
    assertEquals(java.util.Optional.empty(), Durations.parse("5 m"));
    assertEquals(java.util.Optional.empty(), Durations.parse(""));
    for (long millis : new long[] {0, 1, 999, 1000, 90_000, 3_600_000, 3_723_004}) {
      assertEquals(StepPolicy.formatDuration(Duration.ofMillis(millis)), Durations.format(Duration.ofMillis(millis)));
    }
  }

  private static ConnectorGraph create(Compilation compilation, String graphClass) throws Exception {
    ClassLoader loader = new LargeConnectorTest.GeneratedClassLoader(
        compilation.generatedFiles(), PolicyGenerationTest.class.getClassLoader());
    return (ConnectorGraph) loader.loadClass(graphClass).getMethod("create").invoke(null);
  }
}
