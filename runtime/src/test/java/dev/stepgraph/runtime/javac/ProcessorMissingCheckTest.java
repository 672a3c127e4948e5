package dev.stepgraph.runtime.javac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.Step;
import dev.stepgraph.runtime.StepContext;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * javac of the running JDK, through {@link ToolProvider}, compiling connectors with the runtime's
 * classes on the class path and no processor path, as a Maven build without {@code
 * annotationProcessorPaths} does: the runtime's javac plugin starts by itself and fails the build
 * on every connector whose graph was not generated.
 *
 * <p>In this JVM javac also finds the plugin through its own class loader, whose class path holds
 * the runtime: where javac looks for it in a real build (the class path, not the processor path) is
 * what {@code MissingProcessorIT} of module-path-tests checks, with the packaged jar.
 */
class ProcessorMissingCheckTest {
  @TempDir Path temp;

  /** What javac said, as {@code line:column message}, and whether it succeeded. */
  private record Compiled(boolean success, List<String> diagnostics, List<String> classes) {}

  @Test
  void aConnectorCompiledWithoutTheProcessorIsAnErrorOnItsClassThatSaysHowToConfigureIt() throws Exception {
    Compiled compiled = compile(List.of("-classpath", classPath()), source("com/acme/AcmeConnector.java",
        "package com.acme;",
        "",
        "import dev.stepgraph.Step;",
        "import dev.stepgraph.runtime.StepContext;",
        "",
        "public class AcmeConnector {",
        "  @Step(id = \"users\")",
        "  void users(StepContext ctx) {}",
        "}"));

    assertEquals(
        List.of("ERROR 6:8 connector com.acme.AcmeConnector has @Step methods but no generated"
            + " AcmeConnector_StepGraph: the Stepgraph annotation processor did not run. Put"
            + " dev.stepgraph:stepgraph-processor on the processor path: Maven <annotationProcessorPaths> of"
            + " maven-compiler-plugin, Gradle annotationProcessor, javac -processorpath (javac 23 and newer do not"
            + " run it from the class path)"),
        compiled.diagnostics());
    assertEquals(false, compiled.success());
    assertEquals(List.of(), compiled.classes(), "nothing compiled");
  }

  /** A nested connector's graph is {@code Outer_Inner_StepGraph}; each connector has its error. */
  @Test
  void eachConnectorOfAFileHasItsOwnErrorNestedOnesToo() throws Exception {
    Compiled compiled = compile(List.of("-classpath", classPath()), source("com/acme/Outer.java",
        "package com.acme;",
        "",
        "import dev.stepgraph.Step;",
        "import dev.stepgraph.runtime.StepContext;",
        "",
        "public class Outer {",
        "  @Step(id = \"a\") void a(StepContext ctx) {}",
        "",
        "  static class Plain {}",
        "",
        "  public static class Inner {",
        "    @Step(id = \"b\") void b(StepContext ctx) {}",
        "  }",
        "}"));

    assertEquals(
        List.of("ERROR 6:8 connector com.acme.Outer has @Step methods but no generated Outer_StepGraph",
            "ERROR 11:17 connector com.acme.Outer.Inner has @Step methods but no generated Outer_Inner_StepGraph"),
        compiled.diagnostics().stream().map(d -> d.substring(0, d.indexOf(':', d.indexOf("generated")))).toList());
  }

  /**
   * When the processor ran, the graph is in the compilation and the check says nothing: here a
   * hand-written stand-in for the generated class, compiled with the connector.
   */
  @Test
  void aConnectorWhoseGraphWasGeneratedAndAbstractClassesCompileWithoutAWord() throws Exception {
    Compiled compiled = compile(List.of("-classpath", classPath()),
        source("com/acme/AcmeConnector.java",
            "package com.acme;",
            "",
            "public class AcmeConnector {",
            "  @dev.stepgraph.Step(id = \"users\") void users(dev.stepgraph.runtime.StepContext ctx) {}",
            "}"),
        source("com/acme/AcmeConnector_StepGraph.java",
            "package com.acme;",
            "",
            "final class AcmeConnector_StepGraph {}"),
        source("com/acme/NoSteps.java",
            "package com.acme;",
            "",
            "public class NoSteps {",
            "  void users(dev.stepgraph.runtime.StepContext ctx) {}",
            "}"),
        // The processor generates no graph for abstract classes (their steps are an error there).
        source("com/acme/BaseConnector.java",
            "package com.acme;",
            "",
            "public abstract class BaseConnector {",
            "  @dev.stepgraph.Step(id = \"users\") void users(dev.stepgraph.runtime.StepContext ctx) {}",
            "}"));

    assertEquals(List.of(), compiled.diagnostics());
    assertTrue(compiled.success());
  }

  @Test
  void theMessageNamesTheProcessorVersionWhenTheRuntimeJarKnowsIt() {
    assertTrue(
        ProcessorMissingCheck.message("com.acme.AcmeConnector", "AcmeConnector_StepGraph", "1.2.3")
            .contains(" Put dev.stepgraph:stepgraph-processor:1.2.3 on the processor path: "));
  }

  private Path source(String path, String... lines) throws IOException {
    Path file = temp.resolve("src").resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  private Compiled compile(List<String> options, Path... sources) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path classes = Files.createDirectories(temp.resolve("classes"));
    List<String> all = new ArrayList<>(options);
    all.addAll(List.of("-d", classes.toString()));
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      boolean success = javac.getTask(null, files, diagnostics, all, null, files.getJavaFileObjects(sources)).call();
      List<String> said = diagnostics.getDiagnostics().stream()
          .map(d -> d.getKind() + " " + d.getLineNumber() + ":" + d.getColumnNumber() + " " + d.getMessage(Locale.ROOT))
          .toList();
      try (Stream<Path> written = Files.walk(classes)) {
        return new Compiled(success, said, written.filter(Files::isRegularFile).map(Path::toString).sorted().toList());
      }
    }
  }

  /**
   * The runtime's classes (with the plugin's service file), the annotations and what the runtime's
   * API names: a connector's compile class path.
   */
  private static String classPath() throws URISyntaxException {
    return Stream.of(ProcessorMissingCheck.class, Step.class, StepContext.class, Logger.class, NullMarked.class)
        .map(type -> {
          try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
          } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
          }
        })
        .distinct()
        .collect(Collectors.joining(File.pathSeparator));
  }
}
