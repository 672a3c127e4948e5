package dev.stepgraph.modulepath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connector compiled without the processor on the processor path, as a Maven build without
 * {@code annotationProcessorPaths} compiles it: the real {@code javac} of the running JDK, as a
 * separate process, with the packaged jars on the class path. The runtime jar's javac plugin
 * makes it a compile error that says how to configure the processor, on every JDK; CI runs this on
 * JDK 17 and JDK 25.
 */
class MissingProcessorIT {
  private static final String CONNECTOR = "com/acme/inventory/InventoryConnector.java";

  @TempDir Path tmp;

  @Test
  void withoutTheProcessorTheBuildFailsOnTheConnectorSayingHowToConfigureIt() throws Exception {
    Path source = connectorSource();

    Result javac = javac(List.of("--class-path", property("stepgraph.it.libraries")), source);

    assertEquals(1, javac.exitCode(), javac.stderr());
    assertEquals(
        List.of(
            source + ":9: error: " + expectedError(),
            "public class InventoryConnector {",
            "       ^",
            "1 error"),
        javac.stderrLines());
    assertEquals(List.of(), classes(), "nothing compiled");
  }

  /**
   * The processor as a plain dependency, on the class path: javac 22 and older find it there and
   * run it, and the check stays silent; javac 23 and newer do not run it, and the check says so.
   */
  @Test
  void theProcessorOnTheClassPathRunsOnJdk22AndOlderAndIsAnErrorOnNewerOnes() throws Exception {
    Path source = connectorSource();
    String classPath = property("stepgraph.it.libraries") + File.pathSeparator + property("stepgraph.it.processorpath");

    Result javac = javac(List.of("--class-path", classPath), source);

    if (Runtime.version().feature() >= 23) {
      assertEquals(1, javac.exitCode(), javac.stderr());
      assertEquals(source + ":9: error: " + expectedError(), javac.stderrLines().get(0));
      assertEquals(List.of(), classes(), "nothing compiled");
    } else {
      assertEquals(0, javac.exitCode(), javac.stderr());
      if (Runtime.version().feature() < 21) { // 21 and 22 add a note on processors found on the class path
        assertEquals("", javac.stderr());
      }
      assertEquals(
          List.of(
              "com/acme/inventory/ConnectorMain.class",
              "com/acme/inventory/InventoryConnector.class",
              "com/acme/inventory/InventoryConnector_StepGraph.class"),
          classes().stream().filter(name -> !name.contains("$")).toList());
    }
  }

  /** What javac prints when the processor is given its own path: nothing, and the graph is there. */
  @Test
  void withTheProcessorOnTheProcessorPathNothingIsSaid() throws Exception {
    Result javac = javac(
        List.of("--class-path", property("stepgraph.it.libraries"),
            "--processor-path", property("stepgraph.it.processorpath")),
        connectorSource());

    assertEquals(0, javac.exitCode(), javac.stderr());
    assertEquals("", javac.stderr());
    assertTrue(classes().contains("com/acme/inventory/InventoryConnector_StepGraph.class"), classes().toString());
  }

  private static String expectedError() {
    return "connector com.acme.inventory.InventoryConnector has @Step methods but no generated"
        + " InventoryConnector_StepGraph: the Stepgraph annotation processor did not run. Put"
        + " dev.stepgraph:stepgraph-processor:" + property("stepgraph.it.version") + " on the processor path:"
        + " Maven <annotationProcessorPaths> of maven-compiler-plugin, Gradle annotationProcessor, javac"
        + " -processorpath (javac 23 and newer do not run it from the class path)";
  }

  /** The connector of ModulePathIT, without its module-info: a class-path connector. */
  private Path connectorSource() throws IOException, URISyntaxException {
    URL url = MissingProcessorIT.class.getResource("/connector/" + CONNECTOR);
    Path source = tmp.resolve("src").resolve(CONNECTOR);
    Files.createDirectories(source.getParent());
    Files.copy(Path.of(Objects.requireNonNull(url, CONNECTOR).toURI()), source);
    return source;
  }

  private Result javac(List<String> options, Path source) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(tool("javac"), "--release", "17", "-encoding", "UTF-8"));
    command.addAll(options);
    command.addAll(List.of("-d", tmp.resolve("classes").toString(), "-s", tmp.resolve("generated").toString()));
    Files.createDirectories(tmp.resolve("classes"));
    Files.createDirectories(tmp.resolve("generated"));
    command.add(source.toString());
    Path stderr = tmp.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(stderr.toFile());
    // Each of these makes the JDK's tools print "Picked up ..." first.
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().remove("_JAVA_OPTIONS");
    Process process = builder.start();
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("javac did not finish within a minute: " + command);
    }
    return new Result(process.exitValue(), Files.readString(stderr, StandardCharsets.UTF_8));
  }

  /** The class files javac wrote, relative and sorted. */
  private List<String> classes() throws IOException {
    Path classes = tmp.resolve("classes");
    try (Stream<Path> files = Files.walk(classes)) {
      return files.filter(Files::isRegularFile)
          .map(file -> classes.relativize(file).toString().replace(File.separatorChar, '/'))
          .sorted()
          .toList();
    }
  }

  private record Result(int exitCode, String stderr) {
    List<String> stderrLines() {
      return stderr.isEmpty() ? List.of() : List.of(stderr.split("\\R"));
    }
  }

  private static String tool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", File.separatorChar == '\\' ? name + ".exe" : name).toString();
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    assertTrue(value != null && !value.isBlank(), name + " is not set: run through maven-failsafe-plugin (mvn verify)");
    return value;
  }
}
