package dev.stepgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.stepgraph.processor.Golden.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.DataContract;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.graph.StepPolicy;
import java.io.IOException;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The two forms of the generated graph: the flat one of a small graph (lambdas in {@code build()})
 * and the chunked one of a large graph (nested {@code StepsN} classes with a {@code switch}). The
 * processor takes a smaller chunk weight in tests, so the chunked form shows on a few steps; {@link
 * LargeConnectorTest} covers it at the real size.
 */
class GraphFormsTest {

  /** Compiles with graphs heavier than {@code maxChunkWeight} (steps plus dependencies) chunked. */
  static Compilation compile(int maxChunkWeight, JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new StepGraphProcessor(connector -> {}, maxChunkWeight)).compile(sources);
  }

  /**
   * The small connector of {@link GeneratedSourceTest} (weight 13) in classes of weight 5: a class
   * of four steps, one that continues wave 1, and one for a step heavier than 5 on its own.
   */
  @Test
  void chunkedFormMatchesGoldenFile() throws IOException {
    Compilation compilation = compile(5, GeneratedSourceTest.awsConnector());
    assertThat(compilation).succeededWithoutWarnings();
    assertGolden("AwsConnector_StepGraph-chunked.java",
        Compilations.generated(compilation, "com.acme.AwsConnector_StepGraph"));
  }

  @Test
  void chunkedFormIsByteIdenticalForTheSameInput() {
    assertEquals(
        Compilations.generated(compile(2, PolicyGenerationTest.policyConnector()), "com.acme.CloudConnector_StepGraph"),
        Compilations.generated(compile(2, PolicyGenerationTest.policyConnector()), "com.acme.CloudConnector_StepGraph"));
  }

  /** What a step of a built graph is, but its body; the types of its contract in their order. */
  record Shape(
      String id, String description, List<String> dependsOn, int wave, StepPolicy policy, DataContract contract,
      List<String> emits, List<String> reads) {
    static Shape of(StepDefinition step) {
      return new Shape(step.id(), step.description(), step.dependsOn(), step.wave(), step.policy(), step.contract(),
          List.copyOf(step.contract().emits()), List.copyOf(step.contract().reads()));
    }
  }

  private static List<List<Shape>> shapes(ConnectorGraph graph) {
    return graph.waves().stream().map(wave -> wave.stream().map(Shape::of).toList()).toList();
  }

  /**
   * Both forms build the same graph: ids, descriptions, dependencies, waves, policies and data
   * contracts, in order, and the schedule.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 7})
  void theChunkedFormBuildsTheGraphTheFlatFormBuilds(int maxChunkWeight) throws Exception {
    for (JavaFileObject source : List.of(GeneratedSourceTest.awsConnector(), PolicyGenerationTest.policyConnector(),
        DataContractGenerationTest.contractConnector())) {
      String name = source.getName().replaceAll(".*/|\\.java$", "");
      Loaded flat = Loaded.of(Compilations.compile(source), name);
      Loaded chunked = Loaded.of(compile(maxChunkWeight, source), name);
      assertTrue(!flat.source().contains("Steps0") && chunked.source().contains("Steps0.addTo(graph, connector);"),
          "the forms under test");
      ConnectorGraph expected = flat.create();
      ConnectorGraph actual = chunked.create();
      assertEquals(expected.id(), actual.id());
      assertEquals(expected.description(), actual.description());
      assertEquals(expected.schedule(), actual.schedule());
      assertEquals(shapes(expected), shapes(actual), name + " in classes of weight " + maxChunkWeight);
    }
  }

  /** In either form each step's body calls its own method, wherever the step landed. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 500})
  void everyBodyCallsItsOwnMethod(int maxChunkWeight) throws Exception {
    StringBuilder source = new StringBuilder()
        .append("package com.acme;\n\nimport dev.stepgraph.Retry;\nimport dev.stepgraph.Step;\n")
        .append("import dev.stepgraph.runtime.StepContext;\n\n")
        .append("public class Recording {\n  public final java.util.List<String> ran = new java.util.ArrayList<>();\n");
    String[][] steps = {
      {"late", "\"mid\", \"root\""}, {"root", ""}, {"mid", "\"root\""}, {"side", ""}, {"after-side", "\"side\""},
      {"last", "\"late\", \"after-side\""}, {"other", ""},
    };
    for (int i = 0; i < steps.length; i++) {
      source.append("  @Step(id = \"").append(steps[i][0]).append('"')
          .append(steps[i][1].isEmpty() ? "" : ", dependsOn = {" + steps[i][1] + "}")
          .append(i % 2 == 0 ? ", timeout = \"" + (i + 1) + "s\")\n  @Retry" : ")")
          .append(" void m").append(i).append("(StepContext ctx) { ran.add(\"").append(steps[i][0]).append("\"); }\n");
    }
    Compilation compilation = compile(maxChunkWeight,
        JavaFileObjects.forSourceString("com.acme.Recording", source.append("}\n").toString()));
    assertThat(compilation).succeededWithoutWarnings();
    Loaded loaded = Loaded.of(compilation, "Recording");
    assertEquals(maxChunkWeight < 13, loaded.source().contains("Steps0.addTo(graph, connector);"), "the form under test");
    Object connector = loaded.connector().getConstructor().newInstance();
    ConnectorGraph graph = loaded.create(connector);
    @SuppressWarnings("unchecked")
    List<String> ran = (List<String>) loaded.connector().getField("ran").get(connector);
    assertEquals(steps.length, graph.steps().size());
    for (StepDefinition step : graph.steps()) {
      step.body().run(null);
      assertEquals(step.id(), ran.get(ran.size() - 1), "the body registered for " + step.id());
    }
  }

  /** A compiled connector and its graph class, loaded. */
  private record Loaded(String source, Class<?> connector, Class<?> graph) {
    static Loaded of(Compilation compilation, String simpleName) throws Exception {
      assertThat(compilation).succeeded();
      ClassLoader loader = new LargeConnectorTest.GeneratedClassLoader(
          compilation.generatedFiles(), GraphFormsTest.class.getClassLoader());
      return new Loaded(Compilations.generated(compilation, "com.acme." + simpleName + "_StepGraph"),
          loader.loadClass("com.acme." + simpleName), loader.loadClass("com.acme." + simpleName + "_StepGraph"));
    }

    ConnectorGraph create() throws Exception {
      return (ConnectorGraph) graph.getMethod("create").invoke(null);
    }

    ConnectorGraph create(Object instance) throws Exception {
      return (ConnectorGraph) graph.getMethod("create", connector).invoke(null, instance);
    }
  }
}
