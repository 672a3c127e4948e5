package dev.stepgraph.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static dev.stepgraph.processor.JdkProcess.run;
import static dev.stepgraph.processor.JdkProcess.tool;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged processor jar is a complete processor path on its own: the real {@code javac} of
 * the running JDK, as a separate process, with nothing but that jar on {@code -processorpath},
 * generates the graph and the {@code ConnectorMain} of a connector, which then runs.
 */
class ProcessorJarAloneIT {

  @Test
  void javacWithOnlyTheProcessorJarOnTheProcessorPathGeneratesAGraphThatRuns(@TempDir Path temp) throws Exception {
    String processorJar = System.getProperty("stepgraph.it.processorjar");
    String classPath = System.getProperty("stepgraph.it.classpath");
    assertTrue(processorJar != null && classPath != null, "run through maven-failsafe-plugin (mvn verify)");
    Path source = temp.resolve("src/com/acme/InventoryConnector.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, String.join("\n",
        "package com.acme;",
        "",
        "import dev.stepgraph.Step;",
        "import dev.stepgraph.runtime.StepContext;",
        "",
        "public class InventoryConnector {",
        "  @Step(id = \"hosts\")",
        "  void hosts(StepContext ctx) {}",
        "",
        "  @Step(id = \"services\", dependsOn = \"hosts\")",
        "  void services(StepContext ctx) {}",
        "}",
        ""), StandardCharsets.UTF_8);
    Path generated = Files.createDirectories(temp.resolve("generated"));
    Path classes = Files.createDirectories(temp.resolve("classes"));

    JdkProcess.Result javac = run(List.of(
        tool("javac"),
        "-processorpath", processorJar,
        "-classpath", classPath,
        "-s", generated.toString(),
        "-d", classes.toString(),
        source.toString()));

    assertEquals(0, javac.exitCode(), javac.output());
    assertEquals("", javac.stderr() + javac.stdout(), "javac had something to say");
    assertEquals(
        List.of("com/acme/ConnectorMain.java", "com/acme/InventoryConnector_StepGraph.java"),
        relativeFiles(generated));

    JdkProcess.Result plan = run(List.of(
        tool("java"), "-cp", classes + File.pathSeparator + classPath, "com.acme.ConnectorMain", "plan"));

    assertEquals(0, plan.exitCode(), plan.output());
    assertEquals("Wave 0 (sequential): hosts\nWave 1 (sequential): services\n", plan.stdout(), plan.output());
  }

  /**
   * The processor's own classes without JavaPoet, a processor path put together by hand: one error
   * line that says what to put there instead, neither a stack trace nor "Stepgraph bug".
   */
  @Test
  void aProcessorPathWithoutJavaPoetIsOneErrorThatSaysWhatToUse(@TempDir Path temp) throws Exception {
    String processorClasses = System.getProperty("stepgraph.it.processorclasses");
    String classPath = System.getProperty("stepgraph.it.classpath");
    assertTrue(processorClasses != null && classPath != null, "run through maven-failsafe-plugin (mvn verify)");
    Path source = temp.resolve("src/com/acme/InventoryConnector.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, String.join("\n",
        "package com.acme;",
        "",
        "import dev.stepgraph.Step;",
        "import dev.stepgraph.runtime.StepContext;",
        "",
        "public class InventoryConnector {",
        "  @Step(id = \"hosts\")",
        "  void hosts(StepContext ctx) {}",
        "}",
        ""), StandardCharsets.UTF_8);

    JdkProcess.Result javac = run(List.of(
        tool("javac"),
        "-processorpath", processorClasses,
        "-classpath", classPath,
        "-d", Files.createDirectories(temp.resolve("classes")).toString(),
        source.toString()));

    assertEquals(1, javac.exitCode(), javac.output());
    assertEquals(
        "error: the Stepgraph annotation processor could not load a class it needs"
            + " (java.lang.NoClassDefFoundError: com/palantir/javapoet/ClassName): its processor path is incomplete"
            + " or mixes versions. Put the stepgraph-processor jar, of the same version as stepgraph-runtime, on the"
            + " processor path as it is published, alone (it bundles what it needs): Maven annotationProcessorPaths,"
            + " Gradle annotationProcessor, or javac -processorpath\n1 error\n",
        javac.stderr().replace(System.lineSeparator(), "\n"),
        javac.output());
  }

  /** JavaPoet is inside, moved to the processor's own package; no other module claims the jar. */
  @Test
  void theJarBundlesJavaPoetUnderTheProcessorsPackage() throws IOException {
    String processorJar = System.getProperty("stepgraph.it.processorjar");
    assertTrue(processorJar != null, "run through maven-failsafe-plugin (mvn verify)");
    try (JarFile jar = new JarFile(processorJar)) {
      List<String> names = jar.stream().map(ZipEntry::getName).toList();
      assertTrue(names.contains("dev/stepgraph/processor/shaded/com/palantir/javapoet/TypeName.class"), names.toString());
      assertEquals(List.of(), names.stream().filter(name -> name.startsWith("com/")).toList());
      assertEquals(List.of(), names.stream().filter(name -> name.endsWith("module-info.class")).toList());
      assertEquals("dev.stepgraph.processor", jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
      assertEquals(
          "dev.stepgraph.processor.StepGraphProcessor",
          new String(
                  jar.getInputStream(jar.getEntry("META-INF/services/javax.annotation.processing.Processor"))
                      .readAllBytes(),
                  StandardCharsets.UTF_8)
              .strip());
    }
  }

  private static List<String> relativeFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .map(file -> root.relativize(file).toString().replace(File.separatorChar, '/'))
          .sorted()
          .toList();
    }
  }
}
