package dev.stepgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.stepgraph.processor.Golden.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.RetryPolicy;
import dev.stepgraph.runtime.graph.StepPolicy;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
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
        "import java.io.FileNotFoundException;",
        "import java.io.IOException;",
        "import java.util.concurrent.TimeoutException;",
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
        "  @Retry(attempts = 5, backoff = \"2s\", multiplier = 1.5, maxBackoff = \"2h\", jitter = 0,",
        "      retryOn = {IOException.class, TimeoutException.class}, noRetryOn = FileNotFoundException.class)",
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
            .withRetry(RetryPolicy.of(5, Duration.ofSeconds(2), 1.5, Duration.ofHours(2), 0)
                .withRetryOn(IOException.class, TimeoutException.class)
                .withNoRetryOn(FileNotFoundException.class)),
        graph.step("hosts").policy());
    assertEquals(
        "timeout 1m30s, retry 5 attempts on IOException or TimeoutException except FileNotFoundException"
            + " (backoff 2s, x1.5, max 2h, jitter 0.0)",
        graph.step("hosts").policy().describe());
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

  /**
   * Every duration {@link Duration} holds compiles: numbers past {@code int} need a {@code long}
   * literal, and durations with more milliseconds than a {@code long} holds need {@code
   * ofSeconds(seconds, nanos)}. The loaded graph carries each duration exactly.
   */
  @Test
  void durationsBeyondIntAndUpToTheLongestDurationCompileExactly() throws Exception {
    Compilation compilation = Compilations.compile(Compilations.connector(
        "AwsConnector",
        "import dev.stepgraph.Retry;",
        "",
        "public class AwsConnector {",
        "  @Step(id = \"a\", timeout = \"2147483648ms\") void a(StepContext ctx) {}",
        "  @Step(id = \"b\", timeout = \"PT2562047788015215H\") void b(StepContext ctx) {}",
        "  @Step(id = \"c\", timeout = \"9223372036854775807ms\") void c(StepContext ctx) {}",
        "  @Step(id = \"d\", timeout = \"9223372036854775807s\") void d(StepContext ctx) {}",
        "  @Step(id = \"e\", timeout = \"PT9223372036854775807.999999999S\") void e(StepContext ctx) {}",
        "  @Step(id = \"f\", timeout = \"PT9223372036854776.5S\") void f(StepContext ctx) {}",
        "  @Step(id = \"g\", timeout = \"153722867280912930m\") void g(StepContext ctx) {}",
        "  @Step(id = \"h\", timeout = \"2562047788015215h\") void h(StepContext ctx) {}",
        "  @Step(id = \"i\", timeout = \"P106751991167300D\") void i(StepContext ctx) {}",
        "  @Step(id = \"j\")",
        "  @Retry(backoff = \"2147483648ms\", maxBackoff = \"PT2562047788015215H\")",
        "  void j(StepContext ctx) {}",
        "  @Step(id = \"k\")",
        "  @Retry(backoff = \"PT9223372036854775807S\", maxBackoff = \"PT9223372036854775807.999999999S\")",
        "  void k(StepContext ctx) {}",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
    String source = Compilations.generated(compilation, "com.acme.AwsConnector_StepGraph");
    assertTrue(source.contains("withTimeout(Duration.ofMillis(2147483648L))"), source);
    assertTrue(source.contains("withTimeout(Duration.ofSeconds(9223372036854775807L, 999999999))"), source);
    assertTrue(source.contains("withTimeout(Duration.ofSeconds(9223372036854776L, 500000000))"), source);
    ConnectorGraph graph = create(compilation, "com.acme.AwsConnector_StepGraph");
    Duration longest = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
    assertEquals(Duration.ofMillis(2_147_483_648L), graph.step("a").policy().timeout());
    assertEquals(Duration.ofHours(2_562_047_788_015_215L), graph.step("b").policy().timeout());
    assertEquals(Duration.ofMillis(Long.MAX_VALUE), graph.step("c").policy().timeout());
    assertEquals(Duration.ofSeconds(Long.MAX_VALUE), graph.step("d").policy().timeout());
    assertEquals(longest, graph.step("e").policy().timeout());
    assertEquals(Duration.ofSeconds(9_223_372_036_854_776L, 500_000_000), graph.step("f").policy().timeout());
    assertEquals(Duration.ofMinutes(153_722_867_280_912_930L), graph.step("g").policy().timeout());
    assertEquals(Duration.ofHours(2_562_047_788_015_215L), graph.step("h").policy().timeout());
    assertEquals(Duration.ofDays(106_751_991_167_300L), graph.step("i").policy().timeout());
    assertEquals(RetryPolicy.of(3, Duration.ofMillis(2_147_483_648L), 2.0, Duration.ofHours(2_562_047_788_015_215L), 0.2),
        graph.step("j").policy().retry());
    assertEquals(RetryPolicy.of(3, Duration.ofSeconds(Long.MAX_VALUE), 2.0, longest, 0.2), graph.step("k").policy().retry());
  }

  @Test
  void javaFactoryWritesLongLiteralsAndSecondsWithNanosWhereMillisOverflow() {
    assertEquals("ofMillis(2147483647)", Durations.javaFactory(Duration.ofMillis(Integer.MAX_VALUE)));
    assertEquals("ofMillis(2147483648L)", Durations.javaFactory(Duration.ofMillis(2_147_483_648L)));
    assertEquals("ofSeconds(2147483648L)", Durations.javaFactory(Duration.ofSeconds(2_147_483_648L)));
    assertEquals("ofSeconds(9223372036854775807L)", Durations.javaFactory(Duration.ofSeconds(Long.MAX_VALUE)));
    assertEquals("ofHours(2562047788015215L)", Durations.javaFactory(Duration.ofHours(2_562_047_788_015_215L)));
    assertEquals("ofMillis(9223372036854775807L)", Durations.javaFactory(Duration.ofMillis(Long.MAX_VALUE)));
    assertEquals("ofSeconds(9223372036854776L, 500000000)",
        Durations.javaFactory(Duration.ofSeconds(9_223_372_036_854_776L, 500_000_000)));
    assertEquals("ofSeconds(9223372036854775807L, 999999999)", Durations.javaFactory(Durations.MAX));
    assertEquals("ofSeconds(-9223372036854775808L)", Durations.javaFactory(Duration.ofSeconds(Long.MIN_VALUE)));
    assertEquals("ofMillis(-500)", Durations.javaFactory(Duration.ofMillis(-500)));
    assertEquals(java.util.Optional.of(Durations.MAX), Durations.parse("PT9223372036854775807.999999999S"));
    assertTrue(Durations.isOutOfRange("9223372036854775808ms"));
    assertTrue(Durations.isOutOfRange("153722867280912931m"));
    assertTrue(Durations.isOutOfRange("2562047788015216h"));
    assertTrue(Durations.isOutOfRange("PT2562047788015215H30M8S"));
    assertTrue(Durations.isOutOfRange("PT9223372036854775808S"));
    assertTrue(Durations.isOutOfRange("P106751991167301D"));
    assertFalse(Durations.isOutOfRange("30 sec"));
    assertFalse(Durations.isOutOfRange("PTxS"));
    assertFalse(Durations.isOutOfRange("30s"));
  }

  private static ConnectorGraph create(Compilation compilation, String graphClass) throws Exception {
    ClassLoader loader = new LargeConnectorTest.GeneratedClassLoader(
        compilation.generatedFiles(), PolicyGenerationTest.class.getClassLoader());
    return (ConnectorGraph) loader.loadClass(graphClass).getMethod("create").invoke(null);
  }
}
