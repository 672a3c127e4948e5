package dev.stepgraph.modulepath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A connector that is a Java module, as a user builds and runs it: the tiny connector in {@code
 * src/test/resources/connector} (module {@code com.acme.inventory}, with the module-info a
 * connector needs and nothing more) is compiled by the real {@code javac} of the running JDK, with
 * the packaged annotations and runtime jars and the runtime's dependencies on the module path and
 * the packaged processor on the processor path, and its generated {@code ConnectorMain} runs as a
 * separate JVM with {@code java --module}. The same connector without its module-info is compiled
 * and run on the class path too, and must behave the same: class-path users see no change.
 *
 * <p>The jar paths come from Maven (maven-dependency-plugin, see this module's pom), so this runs
 * through failsafe only: {@code mvn verify}.
 */
class ModulePathIT {

  /** How the connector is compiled and run. */
  enum Where {
    MODULE_PATH,
    CLASS_PATH
  }

  private static final String MAIN = "com.acme.inventory.ConnectorMain";

  /**
   * Whether the steps must run on virtual threads: on JDK 21 and newer the runtime jar, which this
   * same JDK built (one Maven run), holds its JDK 21 class.
   */
  private static final boolean VIRTUAL = Runtime.version().feature() >= 21;

  @TempDir static Path tmp;

  /** The annotations and runtime jars and the runtime's dependencies. */
  private static String libraries;
  private static String processorPath;
  private static Path connectorSources;
  private static Path moduleClasses;
  private static Path classPathClasses;

  @BeforeAll
  static void compileTheConnectorOnTheModulePathAndOnTheClassPath() throws Exception {
    libraries = pathProperty("stepgraph.it.libraries");
    processorPath = pathProperty("stepgraph.it.processorpath");
    connectorSources = resource("connector");

    moduleClasses = tmp.resolve("module-classes");
    Result module = javac(Where.MODULE_PATH, moduleClasses, sources(connectorSources));
    assertEquals(0, module.exitCode(), module.output());
    assertEquals("", module.output(), "javac had something to say");

    classPathClasses = tmp.resolve("class-path-classes");
    Result classPath =
        javac(Where.CLASS_PATH, classPathClasses, sources(connectorSources, "module-info.java"));
    assertEquals(0, classPath.exitCode(), classPath.output());
    assertEquals("", classPath.output(), "javac had something to say");
  }

  @Test
  void theConnectorModuleRequiresThreeModulesAndExportsAndOpensNothing() throws Exception {
    Result described =
        run(
            List.of(
                tool("java"),
                "--module-path", moduleClasses + File.pathSeparator + libraries,
                "--describe-module", "com.acme.inventory"));

    assertEquals(0, described.exitCode(), described.output());
    // The first line is the module and where it was found; the rest is its descriptor, in no
    // particular order.
    List<String> lines = described.stdoutLines();
    assertEquals("com.acme.inventory", lines.get(0).split(" ")[0], described.output());
    assertEquals(
        List.of(
            "contains com.acme.inventory",
            "requires dev.stepgraph.annotations",
            "requires dev.stepgraph.runtime",
            "requires java.base mandated",
            "requires java.compiler static"),
        lines.stream().skip(1).filter(line -> !line.isBlank()).sorted().toList(),
        described.output());
  }

  /** The README shows the module-info a connector needs: it must be the one tested here. */
  @Test
  void theReadmeShowsThisModuleInfo() throws Exception {
    Path readme = Path.of(System.getProperty("stepgraph.repo.root", "..")).resolve("README.md");
    List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
    int start = lines.indexOf("module com.acme.inventory {");
    assertTrue(start > 0 && lines.get(start - 1).equals("```java"), "no module-info in " + readme);
    List<String> shown = lines.subList(start, lines.size());
    shown = shown.subList(0, shown.indexOf("```"));

    assertEquals(
        directives(Files.readAllLines(connectorSources.resolve("module-info.java"))),
        directives(shown));
  }

  /** The lines of a module declaration without comments, indentation and blank lines. */
  private static List<String> directives(List<String> lines) {
    String text = String.join("\n", lines).replaceAll("(?s)/\\*.*?\\*/", "");
    return Stream.of(text.split("\n"))
        .map(line -> line.replaceAll("//.*", "").strip())
        .filter(line -> !line.isEmpty())
        .toList();
  }

  @ParameterizedTest
  @EnumSource(Where.class)
  void planPrintsTheWaves(Where where) throws Exception {
    Result result = connector(where, "plan");

    assertEquals(0, result.exitCode(), result.output());
    assertEquals(
        List.of("Wave 0 (parallel): hosts, environment", "Wave 1 (sequential): services"),
        result.stdoutLines(),
        result.output());
    assertEquals("", result.stderr());
  }

  @ParameterizedTest
  @EnumSource(Where.class)
  void runWritesWhatTheStepsEmitted(Where where) throws Exception {
    Path output = tmp.resolve("inventory-" + where + ".jsonl");

    Result result = connector(where, "run", "--output", output.toString());

    assertEquals(0, result.exitCode(), result.output());
    String connectorModule = where == Where.MODULE_PATH ? "com.acme.inventory" : "unnamed";
    String runtimeModule = where == Where.MODULE_PATH ? "dev.stepgraph.runtime" : "unnamed";
    assertEquals(
        List.of(
            "{\"kind\":\"entity\",\"type\":\"host\",\"key\":\"h-1\",\"properties\":{\"name\":\"web\"}}",
            "{\"kind\":\"entity\",\"type\":\"host\",\"key\":\"h-2\",\"properties\":{\"name\":\"db\"}}",
            "{\"kind\":\"entity\",\"type\":\"environment\",\"key\":\"environment\",\"properties\":{"
                + "\"connectorModule\":\"" + connectorModule + "\","
                + "\"runtimeModule\":\"" + runtimeModule + "\","
                + "\"virtualThread\":" + VIRTUAL + "}}",
            "{\"kind\":\"entity\",\"type\":\"service\",\"key\":\"s-h-1\",\"properties\":{\"hostId\":\"h-1\"}}",
            "{\"kind\":\"entity\",\"type\":\"service\",\"key\":\"s-h-2\",\"properties\":{\"hostId\":\"h-2\"}}",
            "{\"kind\":\"relationship\",\"type\":\"host-runs-service\",\"from\":\"h-1\",\"to\":\"s-h-1\",\"properties\":{}}",
            "{\"kind\":\"relationship\",\"type\":\"host-runs-service\",\"from\":\"h-2\",\"to\":\"s-h-2\",\"properties\":{}}"),
        Files.readAllLines(output, StandardCharsets.UTF_8));
    assertEquals(List.of(), result.stdoutLines());
    // The human lines, with durations as T; the steps of wave 0 finish in either order.
    List<String> lines =
        result.stderrLines().stream()
            .map(line -> line.replaceAll("(in )(<1ms|\\d+ms|\\d+(\\.\\d)?s|(\\d+h)?(\\d+m)?\\d+s|\\d+[hm])\\b", "$1T")
                .replaceAll("\\d{8}T\\d{6}Z-[0-9a-f]{4}", "<run>"))
            .toList();
    assertEquals(8, lines.size(), result.stderr());
    assertEquals(
        List.of("Run inventory <run>: 3 steps in 2 waves", "Wave 0 (parallel): hosts, environment"),
        lines.subList(0, 2),
        result.stderr());
    assertEquals(
        Set.of("  hosts: completed in T, 2 host", "  environment: completed in T, 1 environment"),
        Set.copyOf(lines.subList(2, 4)),
        result.stderr());
    assertEquals(
        List.of(
            "Wave 1 (sequential): services",
            "  services: completed in T, 2 service, 2 relationships",
            "Finished in T: 3 succeeded",
            "Wrote 5 entities and 2 relationships to " + output),
        lines.subList(4, 8),
        result.stderr());
  }

  @Test
  void theEngineIsNotVisibleOnTheModulePath() throws Exception {
    Path engineAccess = resource("engine-access/com/acme/inventory/EngineAccess.java");
    List<Path> sources = new ArrayList<>(sources(connectorSources));
    sources.add(engineAccess);

    Result result = javac(Where.MODULE_PATH, tmp.resolve("engine-module-classes"), sources);

    assertNotEquals(0, result.exitCode(), result.output());
    assertEquals(
        List.of(
            engineAccess + ":3: error: package dev.stepgraph.runtime.internal is not visible",
            "import dev.stepgraph.runtime.internal.*;",
            "                            ^",
            "  (package dev.stepgraph.runtime.internal is declared in module dev.stepgraph.runtime,"
                + " which does not export it)",
            "1 error"),
        result.outputLines());
  }

  /** Without this, the test above could pass for a reason that has nothing to do with modules. */
  @Test
  void theSameEngineAccessCompilesOnTheClassPath() throws Exception {
    Path engineAccess = resource("engine-access/com/acme/inventory/EngineAccess.java");
    List<Path> sources = new ArrayList<>(sources(connectorSources, "module-info.java"));
    sources.add(engineAccess);
    Path classes = tmp.resolve("engine-class-path-classes");

    Result result = javac(Where.CLASS_PATH, classes, sources);

    assertEquals(0, result.exitCode(), result.output());
    assertTrue(Files.isRegularFile(classes.resolve("com/acme/inventory/EngineAccess.class")));
  }

  // ---------------------------------------------------------------------------------------------

  /** The generated ConnectorMain, in a JVM of its own. */
  private static Result connector(Where where, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(tool("java"));
    if (where == Where.MODULE_PATH) {
      command.addAll(
          List.of(
              "--module-path", moduleClasses + File.pathSeparator + libraries,
              "--module", "com.acme.inventory/" + MAIN));
    } else {
      command.addAll(
          List.of("--class-path", classPathClasses + File.pathSeparator + libraries, MAIN));
    }
    command.addAll(Arrays.asList(args));
    return run(command);
  }

  /** The real javac, as a user's build runs it: --release 17 and the processor on its own path. */
  private static Result javac(Where where, Path classes, List<Path> sources) throws Exception {
    Path generated = Files.createDirectories(tmp.resolve(classes.getFileName() + "-generated"));
    List<String> command =
        new ArrayList<>(
            List.of(
                tool("javac"),
                "--release", "17",
                "-encoding", "UTF-8",
                where == Where.MODULE_PATH ? "--module-path" : "--class-path", libraries,
                "--processor-path", processorPath,
                "-d", classes.toString(),
                "-s", generated.toString()));
    sources.forEach(source -> command.add(source.toString()));
    return run(command);
  }

  /** Runs a command of the JDK to its end, one minute at most. */
  private static Result run(List<String> command) throws IOException, InterruptedException {
    Path stdout = Files.createTempFile(tmp, "stdout", ".txt");
    Path stderr = Files.createTempFile(tmp, "stderr", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(tmp.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    // Each of these makes the JDK's tools print "Picked up ..." first.
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().remove("_JAVA_OPTIONS");
    Process process = builder.start();
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("did not finish within a minute: " + command);
    }
    return new Result(
        process.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }

  /** What a finished process printed. */
  record Result(int exitCode, String stdout, String stderr) {
    List<String> stdoutLines() {
      return lines(stdout);
    }

    List<String> stderrLines() {
      return lines(stderr);
    }

    /** Both: javac writes its diagnostics to stderr, java --describe-module to stdout. */
    String output() {
      return stdout + stderr;
    }

    List<String> outputLines() {
      return lines(output());
    }

    private static List<String> lines(String text) {
      return text.isEmpty() ? List.of() : List.of(text.split("\\R"));
    }
  }

  private static String tool(String name) {
    String file = File.separatorChar == '\\' ? name + ".exe" : name;
    return Path.of(System.getProperty("java.home"), "bin", file).toString();
  }

  /** A path from the pom, every entry of which must exist. */
  private static String pathProperty(String name) {
    String value = System.getProperty(name);
    assertTrue(
        value != null && !value.isBlank(),
        name + " is not set: run through maven-failsafe-plugin (mvn verify)");
    for (String entry : value.split(File.pathSeparator)) {
      assertTrue(Files.exists(Path.of(entry)), name + ": " + entry + " does not exist");
    }
    return value;
  }

  private static Path resource(String name) throws URISyntaxException {
    URL url = ModulePathIT.class.getResource("/" + name);
    return Path.of(Objects.requireNonNull(url, name + " is not on the test class path").toURI());
  }

  /** The .java files under {@code root}, sorted, without those named {@code except}. */
  private static List<Path> sources(Path root, String... except) throws IOException {
    Set<String> excluded = Set.of(except);
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(file -> file.toString().endsWith(".java"))
          .filter(file -> !excluded.contains(file.getFileName().toString()))
          .sorted()
          .collect(Collectors.toList());
    }
  }
}
