package dev.stepgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The processor writes each step's policy into the generated Javadoc in words ({@code
 * ResolvedPolicy.describe()}); {@code plan} prints the runtime's {@code StepPolicy.describe()} of
 * the policy the generated code builds. The two are separate code (the processor cannot use the
 * runtime), so this holds them to the same text for every shape of policy: none, each kind of
 * timeout, each value of {@code @Retry} at and off its default, skipping on dependency failure from
 * the step and from the connector, and their combinations, and pins the text of each.
 */
class PolicyDescriptionTest {

  private static final String RETRY = "retry 3 attempts (backoff 1s, x2.0, max 1m, jitter 0.2)";
  private static final String SKIP = "on dependency failure skip";

  /**
   * One step's policy.
   *
   * @param id the step id
   * @param step what follows the id in {@code @Step(...)}
   * @param retry the {@code @Retry} line, or empty for none
   * @param onDependencyFailure the {@code OnDependencyFailure} written on the step, or empty for
   *     none (which inherits the connector's)
   * @param description what the policy says in a connector that runs a step whose dependency
   *     failed, without the skip that the step or its connector adds
   */
  record Shape(String id, String step, String retry, String onDependencyFailure, String description) {}

  static final List<Shape> SHAPES = List.of(
      new Shape("none", "", "", "", ""),
      new Shape("timeout-ms", "timeout = \"500ms\"", "", "", "timeout 500ms"),
      new Shape("timeout-s", "timeout = \"30s\"", "", "", "timeout 30s"),
      new Shape("timeout-m", "timeout = \"5m\"", "", "", "timeout 5m"),
      new Shape("timeout-h", "timeout = \"2h\"", "", "", "timeout 2h"),
      new Shape("timeout-mixed", "timeout = \"PT1H1M1.5S\"", "", "", "timeout 1h1m2s"),
      new Shape("timeout-seconds-as-minutes", "timeout = \"90s\"", "", "", "timeout 1m30s"),
      new Shape("timeout-sub-millisecond", "timeout = \"PT0.0015S\"", "", "", "timeout 2ms"),
      new Shape("timeout-one-nanosecond", "timeout = \"PT0.000000001S\"", "", "", "timeout <1ms"),
      new Shape("timeout-longest", "timeout = \"PT2562047788015215H30M7.999999999S\"", "", "",
          "timeout 2562047788015215h30m7s"),
      new Shape("retry-defaults", "", "@Retry", "", RETRY),
      new Shape("retry-one-attempt", "", "@Retry(attempts = 1)", "", ""),
      new Shape("retry-two-attempts", "", "@Retry(attempts = 2)", "", "retry 2 attempts (backoff 1s, x2.0, max 1m, jitter 0.2)"),
      new Shape("retry-no-backoff", "", "@Retry(attempts = 10, backoff = \"0ms\")", "",
          "retry 10 attempts (backoff 0ms, x2.0, max 1m, jitter 0.2)"),
      new Shape("retry-iso-backoff", "", "@Retry(backoff = \"PT0.25S\")", "",
          "retry 3 attempts (backoff 250ms, x2.0, max 1m, jitter 0.2)"),
      new Shape("retry-constant", "", "@Retry(multiplier = 1.0)", "", "retry 3 attempts (backoff 1s, x1.0, max 1m, jitter 0.2)"),
      new Shape("retry-multiplier", "", "@Retry(multiplier = 1.5)", "", "retry 3 attempts (backoff 1s, x1.5, max 1m, jitter 0.2)"),
      new Shape("retry-odd-multiplier", "", "@Retry(multiplier = 2.718281828)", "",
          "retry 3 attempts (backoff 1s, x2.718281828, max 1m, jitter 0.2)"),
      new Shape("retry-max-backoff", "", "@Retry(maxBackoff = \"1h\")", "", "retry 3 attempts (backoff 1s, x2.0, max 1h, jitter 0.2)"),
      new Shape("retry-max-equals-backoff", "", "@Retry(backoff = \"500ms\", maxBackoff = \"500ms\")", "",
          "retry 3 attempts (backoff 500ms, x2.0, max 500ms, jitter 0.2)"),
      new Shape("retry-long-max-backoff", "", "@Retry(maxBackoff = \"PT2562047788015215H\")", "",
          "retry 3 attempts (backoff 1s, x2.0, max 2562047788015215h, jitter 0.2)"),
      new Shape("retry-no-jitter", "", "@Retry(jitter = 0)", "", "retry 3 attempts (backoff 1s, x2.0, max 1m, jitter 0.0)"),
      new Shape("retry-full-jitter", "", "@Retry(jitter = 1)", "", "retry 3 attempts (backoff 1s, x2.0, max 1m, jitter 1.0)"),
      new Shape("retry-small-jitter", "", "@Retry(jitter = 0.05)", "", "retry 3 attempts (backoff 1s, x2.0, max 1m, jitter 0.05)"),
      new Shape("retry-tiny-jitter", "", "@Retry(jitter = 1e-4)", "", "retry 3 attempts (backoff 1s, x2.0, max 1m, jitter 1.0E-4)"),
      new Shape("retry-everything", "",
          "@Retry(attempts = 4, backoff = \"250ms\", multiplier = 3.0, maxBackoff = \"PT10M\", jitter = 0.5)", "",
          "retry 4 attempts (backoff 250ms, x3.0, max 10m, jitter 0.5)"),
      new Shape("retry-on", "", "@Retry(retryOn = java.io.IOException.class)", "",
          "retry 3 attempts on IOException (backoff 1s, x2.0, max 1m, jitter 0.2)"),
      new Shape("retry-on-two", "", "@Retry(retryOn = {java.io.IOException.class, java.util.concurrent.TimeoutException.class})",
          "", "retry 3 attempts on IOException or TimeoutException (backoff 1s, x2.0, max 1m, jitter 0.2)"),
      new Shape("retry-no-retry-on", "", "@Retry(noRetryOn = IllegalArgumentException.class)", "",
          "retry 3 attempts except IllegalArgumentException (backoff 1s, x2.0, max 1m, jitter 0.2)"),
      new Shape("retry-on-except", "",
          "@Retry(attempts = 2, retryOn = java.io.IOException.class, noRetryOn = java.io.FileNotFoundException.class)", "",
          "retry 2 attempts on IOException except FileNotFoundException (backoff 1s, x2.0, max 1m, jitter 0.2)"),
      new Shape("retry-on-nested-class", "", "@Retry(retryOn = java.net.http.HttpTimeoutException.class)", "",
          "retry 3 attempts on HttpTimeoutException (backoff 1s, x2.0, max 1m, jitter 0.2)"),
      new Shape("retry-on-one-attempt", "", "@Retry(attempts = 1, retryOn = java.io.IOException.class)", "", ""),
      new Shape("skip", "", "", "SKIP", ""),
      new Shape("run", "", "", "RUN", ""),
      new Shape("inherit", "", "", "INHERIT", ""),
      new Shape("timeout-retry", "timeout = \"45s\"", "@Retry(attempts = 5, multiplier = 1.5)", "",
          "timeout 45s, retry 5 attempts (backoff 1s, x1.5, max 1m, jitter 0.2)"),
      new Shape("timeout-skip", "timeout = \"1m\"", "", "SKIP", "timeout 1m"),
      new Shape("retry-skip", "", "@Retry(jitter = 0)", "SKIP", "retry 3 attempts (backoff 1s, x2.0, max 1m, jitter 0.0)"),
      new Shape("timeout-retry-skip", "timeout = \"PT2M\"", "@Retry(maxBackoff = \"2m\")", "SKIP",
          "timeout 2m, retry 3 attempts (backoff 1s, x2.0, max 2m, jitter 0.2)"),
      new Shape("timeout-retry-run", "timeout = \"10s\"", "@Retry", "RUN", "timeout 10s, " + RETRY),
      new Shape("timeout-one-attempt-inherit", "timeout = \"3s\"", "@Retry(attempts = 1)", "INHERIT", "timeout 3s"));

  /** A connector with a step of every shape, each depending on the first so skipping means something. */
  private static Compilation compile(String className, String connectorAnnotation) {
    List<String> lines = new ArrayList<>(List.of(
        "import dev.stepgraph.OnDependencyFailure;", "import dev.stepgraph.Retry;", "", connectorAnnotation,
        "public class " + className + " {", "  @Step(id = \"first\") void first(StepContext ctx) {}"));
    for (int i = 0; i < SHAPES.size(); i++) {
      Shape shape = SHAPES.get(i);
      String attributes = "id = \"" + shape.id() + "\", dependsOn = \"first\""
          + (shape.step().isEmpty() ? "" : ", " + shape.step())
          + (shape.onDependencyFailure().isEmpty() ? "" : ", onDependencyFailure = OnDependencyFailure."
              + shape.onDependencyFailure());
      lines.add("  @Step(" + attributes + ")");
      if (!shape.retry().isEmpty()) {
        lines.add("  " + shape.retry());
      }
      lines.add("  void s" + i + "(StepContext ctx) {}");
    }
    lines.add("}");
    Compilation compilation = Compilations.compile(Compilations.connector(className, lines.toArray(String[]::new)));
    assertThat(compilation).succeeded();
    return compilation;
  }

  /** The {@code id: description} lines of the generated class Javadoc's policy list. */
  private static Map<String, String> javadocPolicies(String source) {
    List<String> lines = source.lines().toList();
    int start = lines.indexOf(" * <p>Policies:");
    assertTrue(start >= 0, source);
    assertEquals(List.of(" *", " * <pre>"), lines.subList(start + 1, start + 3));
    Map<String, String> policies = new LinkedHashMap<>();
    for (String line : lines.subList(start + 3, lines.size())) {
      if (line.equals(" * </pre>")) {
        return policies;
      }
      int colon = line.indexOf(": ");
      policies.put(line.substring(" * ".length(), colon), line.substring(colon + 2));
    }
    throw new AssertionError("the policy list does not end: " + source);
  }

  private static void assertBothDescribe(String className, String connectorAnnotation, boolean connectorSkips)
      throws Exception {
    Compilation compilation = compile(className, connectorAnnotation);
    String graphClass = "com.acme." + className + "_StepGraph";
    Map<String, String> javadoc = javadocPolicies(Compilations.generated(compilation, graphClass));
    ConnectorGraph graph = (ConnectorGraph) new LargeConnectorTest.GeneratedClassLoader(
            compilation.generatedFiles(), PolicyDescriptionTest.class.getClassLoader())
        .loadClass(graphClass).getMethod("create").invoke(null);

    List<String> mismatches = new ArrayList<>();
    Set<String> texts = new HashSet<>();
    for (Shape shape : SHAPES) {
      StepDefinition step = graph.step(shape.id());
      String runtime = step.policy().describe();
      String processor = javadoc.getOrDefault(shape.id(), "");
      boolean skips = shape.onDependencyFailure().equals("SKIP")
          || connectorSkips && !shape.onDependencyFailure().equals("RUN");
      String expected = skips
          ? (shape.description().isEmpty() ? SKIP : shape.description() + ", " + SKIP)
          : shape.description();
      if (!processor.equals(runtime) || !runtime.equals(expected)) {
        mismatches.add(shape.id() + ":\n    processor (Javadoc): " + processor + "\n    runtime (plan):      " + runtime
            + "\n    expected:            " + expected);
      }
      texts.add(runtime);
    }
    assertEquals(List.of(), mismatches, String.join("\n", mismatches));
    assertTrue(texts.size() >= SHAPES.size() - 8, "the shapes differ: " + texts);
    assertEquals(javadoc.keySet(), new HashSet<>(graph.steps().stream().filter(s -> !s.policy().isDefault())
        .map(StepDefinition::id).toList()), "the Javadoc lists exactly the steps whose policy is not the default");
  }

  @Test
  void processorAndRuntimeDescribeEveryShapeOfPolicyAlikeInAConnectorThatRunsByDefault() throws Exception {
    assertBothDescribe("RunsConnector", "@Connector(id = \"runs\")", false);
  }

  @Test
  void processorAndRuntimeDescribeEveryShapeOfPolicyAlikeInAConnectorThatSkipsByDefault() throws Exception {
    assertBothDescribe("SkipsConnector", "@Connector(id = \"skips\", onDependencyFailure = OnDependencyFailure.SKIP)",
        true);
  }
}
