package dev.stepgraph.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees: the real {@code javac} of the running JDK, as a separate process, with the
 * packaged processor jar on {@code -processorpath}, compiling a connector with a cycle.
 */
class CycleReportedByRealJavacIT {

  @Test
  void javacFailsWithTheCycleOnTheFileAndLine(@TempDir Path temp) throws Exception {
    String processorPath = System.getProperty("stepgraph.it.processorpath");
    String classPath = System.getProperty("stepgraph.it.classpath");
    assertTrue(processorPath != null && classPath != null, "run through maven-failsafe-plugin (mvn verify)");
    Path source = temp.resolve("src/com/acme/CycleConnector.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, String.join("\n",
        "package com.acme;",
        "",
        "import dev.stepgraph.Step;",
        "import dev.stepgraph.runtime.StepContext;",
        "",
        "public class CycleConnector {",
        "  @Step(id = \"a\", dependsOn = \"b\")",
        "  void a(StepContext ctx) {}",
        "",
        "  @Step(id = \"b\", dependsOn = \"a\")",
        "  void b(StepContext ctx) {}",
        "}",
        ""), StandardCharsets.UTF_8);
    Path classes = Files.createDirectories(temp.resolve("classes"));
    JdkProcess.Result javac = JdkProcess.run(List.of(
            JdkProcess.tool("javac"),
            "-processorpath", processorPath,
            "-classpath", classPath,
            "-d", classes.toString(),
            source.toString()));
    String stderr = javac.stderr();

    assertNotEquals(0, javac.exitCode(), stderr);
    assertTrue(
        stderr.contains(source + ":7: error: cycle detected in step dependencies: a -> b -> a"), stderr);
    assertTrue(stderr.contains("  @Step(id = \"a\", dependsOn = \"b\")\n                              ^"), stderr);
    assertTrue(stderr.contains(source + ":7: Note: to break the cycle a -> b -> a, remove one of these dependsOn"
        + " entries: 'b' from step 'a', 'a' from step 'b'"), stderr);
    assertTrue(stderr.contains("1 error"), stderr);
    assertFalse(stderr.contains("uncaught exception"), stderr);
    assertEquals(List.of(), Files.list(classes).toList(), "nothing compiled");
  }
}
