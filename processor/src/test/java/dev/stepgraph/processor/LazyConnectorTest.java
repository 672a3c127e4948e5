package dev.stepgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.run.ConnectorRunner;
import dev.stepgraph.runtime.run.RunReport;
import dev.stepgraph.runtime.cli.StepgraphCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated {@code create()} does not create the connector: {@code plan} and {@code graph}
 * succeed even when its constructor throws, and {@code run} creates it once, before the first
 * step, or ends with one line naming it. In both forms of the generated graph: 3 steps (one
 * method, lambdas) and 600 steps (nested {@code StepsN} classes with a {@code switch}).
 */
class LazyConnectorTest {

  /** A connector of {@code steps} steps that counts its instances and the steps run on them. */
  private static Loaded compile(String className, int steps, boolean constructorThrows) throws Exception {
    StringBuilder source = new StringBuilder()
        .append("package com.acme;\n\nimport dev.stepgraph.Step;\nimport dev.stepgraph.runtime.StepContext;\n")
        .append("import java.util.concurrent.atomic.AtomicInteger;\n\n")
        .append("public class ").append(className).append(" {\n")
        .append("  public static final AtomicInteger CONSTRUCTED = new AtomicInteger();\n")
        .append("  public static final AtomicInteger RAN = new AtomicInteger();\n")
        .append("  public ").append(className).append("() {\n")
        .append("    CONSTRUCTED.incrementAndGet();\n")
        .append(constructorThrows ? "    throw new IllegalStateException(\"api.token is not set\");\n" : "")
        .append("  }\n");
    for (int i = 0; i < steps; i++) {
      source.append("  @Step(id = \"s-").append(i).append('"')
          .append(i == 0 ? "" : ", dependsOn = \"s-" + (i - 1) / 100 * 100 + "\"")
          .append(") void s").append(i).append("(StepContext ctx) { RAN.incrementAndGet(); }\n");
    }
    Compilation compilation = Compilations.compile(
        JavaFileObjects.forSourceString("com.acme." + className, source.append("}\n").toString()));
    assertThat(compilation).succeededWithoutWarnings();
    String graphSource = Compilations.generated(compilation, "com.acme." + className + "_StepGraph");
    assertEquals(steps > 100, graphSource.contains("Steps0.addTo(graph, connector);"), "the form under test");
    ClassLoader loader = new LargeConnectorTest.GeneratedClassLoader(
        compilation.generatedFiles(), LazyConnectorTest.class.getClassLoader());
    return new Loaded(
        loader.loadClass("com.acme." + className), loader.loadClass("com.acme." + className + "_StepGraph"));
  }

  private record Loaded(Class<?> connector, Class<?> graph) {
    ConnectorGraph create() throws Exception {
      return (ConnectorGraph) graph.getMethod("create").invoke(null);
    }

    ConnectorGraph create(@Nullable Object instance) throws Exception {
      return (ConnectorGraph) graph.getMethod("create", connector).invoke(null, instance);
    }

    /** As the generated ConnectorMain passes it. */
    Supplier<ConnectorGraph> createMethod() {
      return () -> {
        try {
          return create();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      };
    }

    int count(String field) throws Exception {
      return ((AtomicInteger) connector.getField(field).get(null)).get();
    }
  }

  /** The command line as the generated ConnectorMain runs it, with stdout and stderr captured. */
  private record Cli(int exit, String out, String err) {
    static Cli run(Supplier<ConnectorGraph> graph, String... args) {
      PrintStream out = System.out;
      PrintStream err = System.err;
      ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
      ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
      try {
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        int exit = StepgraphCli.execute(args, graph);
        return new Cli(exit, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
      } finally {
        System.setOut(out);
        System.setErr(err);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 600})
  void planAndGraphDoNotCreateTheConnectorAndRunEndsWithOneLineWhenItsConstructorThrows(int steps)
      throws Exception {
    Loaded loaded = compile("UnconfiguredConnector", steps, true);

    loaded.create();
    Cli plan = Cli.run(loaded.createMethod(), "plan");
    Cli graph = Cli.run(loaded.createMethod(), "graph");

    assertEquals(0, plan.exit(), plan.err());
    assertTrue(plan.out().startsWith(steps == 3 ? "Wave 0 (sequential): s-0\nWave 1 (parallel): s-1, s-2\n" : "Wave 0"),
        plan.out());
    assertEquals(0, graph.exit(), graph.err());
    assertTrue(graph.out().startsWith("digraph"), graph.out());
    assertEquals(0, loaded.count("CONSTRUCTED"), "neither create() nor plan nor graph creates the connector");

    Cli run = Cli.run(loaded.createMethod(), "run");

    assertEquals(1, run.exit());
    assertEquals("error: cannot create connector com.acme.UnconfiguredConnector: its constructor threw"
        + " IllegalStateException: api.token is not set\n", run.err());
    assertEquals(1, loaded.count("CONSTRUCTED"));
    assertEquals(0, loaded.count("RAN"), "no step ran");
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 600})
  void aRunCreatesTheConnectorOnceForAllItsSteps(int steps) throws Exception {
    Loaded loaded = compile("CountingConnector", steps, false);
    ConnectorGraph graph = loaded.create();
    assertEquals(0, loaded.count("CONSTRUCTED"));

    RunReport report = ConnectorRunner.builder(graph).build().run();

    assertTrue(report.succeeded(), report.toString());
    assertEquals(1, loaded.count("CONSTRUCTED"));
    assertEquals(steps, loaded.count("RAN"));
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 600})
  void createWithNullSaysWhichInstanceToPassBeforeBuildingAnything(int steps) throws Exception {
    Loaded loaded = compile("NullConnector", steps, false);

    InvocationTargetException thrown =
        assertThrows(InvocationTargetException.class, () -> loaded.create(null));

    NullPointerException npe = assertInstanceOf(NullPointerException.class, thrown.getCause());
    assertEquals(
        "connector is null: pass an instance of NullConnector, or call create() to let the run create one",
        npe.getMessage());
    assertEquals("create", npe.getStackTrace()[1].getMethodName(), "thrown by create itself, not deeper");
    assertEquals(0, loaded.count("CONSTRUCTED"));
  }

  /** A nested connector is named as Java code names it: {@code Outer.Inner}. */
  @Test
  void createWithNullNamesANestedConnectorByItsNestedName() throws Exception {
    Compilation compilation = Compilations.compile(Compilations.connector(
        "Outer",
        "public class Outer {",
        "  public static class AwsConnector {",
        "    @Step(id = \"users\") void users(StepContext ctx) {}",
        "  }",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
    Class<?> graph = new LargeConnectorTest.GeneratedClassLoader(
        compilation.generatedFiles(), LazyConnectorTest.class.getClassLoader())
        .loadClass("com.acme.Outer_AwsConnector_StepGraph");
    Method create = graph.getMethod("create", graph.getClassLoader().loadClass("com.acme.Outer$AwsConnector"));

    InvocationTargetException thrown =
        assertThrows(InvocationTargetException.class, () -> create.invoke(null, (Object) null));

    assertEquals(
        "connector is null: pass an instance of Outer.AwsConnector, or call create() to let the run create one",
        thrown.getCause().getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 600})
  void createWithAnInstanceRunsTheStepsOnThatInstance(int steps) throws Exception {
    Loaded loaded = compile("GivenConnector", steps, false);
    Object instance = loaded.connector().getConstructor().newInstance();

    RunReport report = ConnectorRunner.builder(loaded.create(instance)).build().run();

    assertTrue(report.succeeded(), report.toString());
    assertEquals(1, loaded.count("CONSTRUCTED"), "only the instance the caller made");
    assertEquals(steps, loaded.count("RAN"));
  }
}
