package dev.stepgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.graph.StepPolicy;
import java.time.Duration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A 10,000-step connector: the processor stays fast, and the generated code stays within the
 * class-file limits (64 KB per method, 65,535 constants per class) because it is split into
 * nested classes.
 */
class LargeConnectorTest {

  /** {@code steps} steps, each depending on up to three random earlier ones (fixed seed). */
  static String largeConnector(String className, int steps, long seed) {
    Random random = new Random(seed);
    StringBuilder source = new StringBuilder()
        .append("package com.acme;\n\nimport dev.stepgraph.Step;\nimport dev.stepgraph.runtime.StepContext;\n\n")
        .append("public class ").append(className).append(" {\n");
    for (int i = 0; i < steps; i++) {
      source.append("  @Step(id = \"step-").append(i).append('"');
      int deps = i == 0 ? 0 : random.nextInt(4);
      if (deps > 0) {
        source.append(", dependsOn = {");
        for (int d = 0; d < deps; d++) {
          source.append(d == 0 ? "" : ", ").append("\"step-").append(random.nextInt(i)).append('"');
        }
        source.append('}');
      }
      if (i % 1000 == 999) {
        source.append(", timeout = \"").append(i / 1000 + 1).append("s\"");
      }
      source.append(") void step").append(i).append("(StepContext ctx) {}\n");
    }
    return source.append("}\n").toString();
  }

  @Test
  void tenThousandStepConnectorCompilesAndItsGraphBuilds() throws Exception {
    JavaFileObject source = JavaFileObjects.forSourceString("com.acme.BigConnector", largeConnector("BigConnector", 10_000, 42));
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).succeeded();
    String generated = Compilations.generated(compilation, "com.acme.BigConnector_StepGraph");
    assertTrue(generated.contains("private static final class Steps0 implements StepBody {"), "split into nested classes");
    assertTrue(generated.contains("Steps0.addTo(graph, connector);"));

    // Load what javac wrote and build the graph: ConnectorGraph.build() checks every dependency is in an earlier wave.
    ClassLoader loader = new GeneratedClassLoader(compilation.generatedFiles(), getClass().getClassLoader());
    ConnectorGraph graph = (ConnectorGraph) loader.loadClass("com.acme.BigConnector_StepGraph").getMethod("create").invoke(null);
    assertEquals(10_000, graph.steps().size());
    int waveCount = (int) loader.loadClass("com.acme.BigConnector_StepGraph").getField("WAVE_COUNT").get(null);
    assertEquals(waveCount, graph.waves().size());
    for (StepDefinition step : graph.steps()) {
      int expected = 0;
      for (String dependency : step.dependsOn()) {
        expected = Math.max(expected, graph.step(dependency).wave() + 1);
      }
      assertEquals(expected, step.wave(), step.id());
    }
    assertEquals(StepPolicy.DEFAULT.withTimeout(Duration.ofSeconds(10)), graph.step("step-9999").policy());
    assertEquals(StepPolicy.DEFAULT, graph.step("step-9998").policy());
  }

  /**
   * In a graph split into nested classes every step's body is a {@code case} of its class's
   * {@code switch}: each must call its own method, whichever class and case it landed in.
   */
  @Test
  void everyStepOfASplitGraphRunsItsOwnMethod() throws Exception {
    int steps = 1_200;
    StringBuilder source = new StringBuilder()
        .append("package com.acme;\n\nimport dev.stepgraph.Step;\nimport dev.stepgraph.runtime.StepContext;\n\n")
        .append("public class Recording {\n  public final java.util.List<String> ran = new java.util.ArrayList<>();\n");
    for (int i = 0; i < steps; i++) {
      // Steps every 3rd a dependency, so waves (and so the order steps are generated in) differ from declaration order.
      source.append("  @Step(id = \"s-").append(i).append('"')
          .append(i % 3 == 2 ? ", dependsOn = \"s-" + (i - 1) + "\"" : "")
          .append(") void m").append(i).append("(StepContext ctx) { ran.add(\"s-").append(i).append("\"); }\n");
    }
    Compilation compilation = Compilations.compile(
        JavaFileObjects.forSourceString("com.acme.Recording", source.append("}\n").toString()));
    assertThat(compilation).succeeded();
    String generated = Compilations.generated(compilation, "com.acme.Recording_StepGraph");
    assertTrue(generated.contains("Steps2.addTo(graph, connector);"), "split into at least three classes");

    ClassLoader loader = new GeneratedClassLoader(compilation.generatedFiles(), getClass().getClassLoader());
    Class<?> connectorClass = loader.loadClass("com.acme.Recording");
    Object connector = connectorClass.getConstructor().newInstance();
    ConnectorGraph graph = (ConnectorGraph) loader.loadClass("com.acme.Recording_StepGraph")
        .getMethod("create", connectorClass).invoke(null, connector);
    @SuppressWarnings("unchecked")
    List<String> ran = (List<String>) connectorClass.getField("ran").get(connector);
    assertEquals(steps, graph.steps().size());
    for (StepDefinition step : graph.steps()) {
      step.body().run(null);
      assertEquals(step.id(), ran.get(ran.size() - 1), "the body registered for " + step.id());
    }
    assertEquals(steps, ran.size());
  }

  @Test
  void smallConnectorGraphBuildsWithTheExpectedWaves() throws Exception {
    Compilation compilation = Compilations.compile(GeneratedSourceTest.awsConnector());
    ClassLoader loader = new GeneratedClassLoader(compilation.generatedFiles(), getClass().getClassLoader());
    ConnectorGraph graph = (ConnectorGraph) loader.loadClass("com.acme.AwsConnector_StepGraph").getMethod("create").invoke(null);
    assertEquals("aws-inventory", graph.id());
    assertEquals(
        List.of(List.of("users", "roles", "hosts"), List.of("policies", "services"), List.of("relationships")),
        graph.waves().stream().map(w -> w.stream().map(StepDefinition::id).toList()).toList());
  }

  /** Loads the class files of a compilation. */
  static final class GeneratedClassLoader extends ClassLoader {
    private final Map<String, JavaFileObject> classes = new HashMap<>();

    GeneratedClassLoader(List<JavaFileObject> files, ClassLoader parent) {
      super(parent);
      for (JavaFileObject file : files) {
        if (file.getKind() == JavaFileObject.Kind.CLASS) {
          String path = file.toUri().getPath();
          String name = path.substring(path.indexOf("/com/") + 1, path.length() - ".class".length()).replace('/', '.');
          classes.put(name, file);
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      JavaFileObject file = classes.get(name);
      if (file == null) {
        throw new ClassNotFoundException(name);
      }
      try (InputStream in = file.openInputStream()) {
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
