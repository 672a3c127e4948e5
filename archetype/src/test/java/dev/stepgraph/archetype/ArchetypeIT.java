package dev.stepgraph.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project that maven-archetype-plugin's integration-test generated from the archetype (from
 * {@code src/test/resources/projects/acme}) and built with {@code mvn verify}, offline, against a
 * local repository holding this build's Stepgraph artifacts: it has one connector and its test,
 * the test ran, and its jar runs as the README shows.
 */
class ArchetypeIT {
  private static final String JAR = "target/acme-connector-1.0-SNAPSHOT.jar";

  @TempDir Path tmp;

  private static Path project() {
    return Path.of(property("stepgraph.it.projects"), "acme", "project", "acme-connector");
  }

  @Test
  void theProjectHasOneConnectorItsTestAndAReadme() throws IOException {
    try (Stream<Path> files = Files.walk(project())) {
      assertEquals(
          List.of(
              "README.md",
              "pom.xml",
              "src/main/java/com/acme/InventoryConnector.java",
              "src/test/java/com/acme/InventoryConnectorTest.java"),
          files.filter(Files::isRegularFile)
              .map(file -> project().relativize(file).toString().replace(File.separatorChar, '/'))
              .filter(name -> !name.startsWith("target/") && !name.equals("build.log"))
              .sorted()
              .toList());
    }
  }

  @Test
  void itsBuildCompiledThroughTheProcessorAndRanTheTest() throws IOException {
    assertTrue(
        Files.isRegularFile(project().resolve("target/generated-sources/annotations/com/acme/InventoryConnector_StepGraph.java")));
    String report = Files.readString(
        project().resolve("target/surefire-reports/TEST-com.acme.InventoryConnectorTest.xml"), StandardCharsets.UTF_8);
    assertTrue(report.contains(" tests=\"2\" errors=\"0\" skipped=\"0\" failures=\"0\""), report);
  }

  @Test
  void itsJarPlansAsTheReadmeShows() throws Exception {
    List<String> transcript = readmeTranscript("$ java -jar " + JAR + " plan");

    Result plan = java("-jar", JAR, "plan");

    assertEquals(0, plan.exitCode(), plan.output());
    assertEquals(transcript, plan.lines(), plan.output());
  }

  /** Durations and run ids differ from run to run, and so does the absolute path of the output: compared as T, <run> and the file name. */
  @Test
  void itsJarRunsAsTheReadmeShows() throws Exception {
    List<String> transcript = readmeTranscript("$ java -jar " + JAR + " run --output inventory.jsonl");
    Path output = tmp.resolve("inventory.jsonl");

    Result run = java("-jar", JAR, "run", "--output", output.toString());

    assertEquals(0, run.exitCode(), run.output());
    assertEquals(
        withoutDurations(transcript),
        withoutDurations(run.lines()),
        run.output());
    assertEquals(
        List.of(
            "{\"kind\":\"entity\",\"type\":\"host\",\"key\":\"host-web\",\"properties\":{\"name\":\"web\"}}",
            "{\"kind\":\"entity\",\"type\":\"host\",\"key\":\"host-db\",\"properties\":{\"name\":\"db\"}}",
            "{\"kind\":\"entity\",\"type\":\"service\",\"key\":\"service-web\",\"properties\":{\"hostId\":\"host-web\"}}",
            "{\"kind\":\"entity\",\"type\":\"service\",\"key\":\"service-db\",\"properties\":{\"hostId\":\"host-db\"}}",
            "{\"kind\":\"relationship\",\"type\":\"host-runs-service\",\"from\":\"host-web\",\"to\":\"service-web\",\"properties\":{}}",
            "{\"kind\":\"relationship\",\"type\":\"host-runs-service\",\"from\":\"host-db\",\"to\":\"service-db\",\"properties\":{}}"),
        Files.readAllLines(output, StandardCharsets.UTF_8));
  }

  /** The README's command is the one this test generated its project with. */
  @Test
  void theReadmeGeneratesTheProjectWithTheseProperties() throws IOException {
    String command = "mvn archetype:generate -DarchetypeGroupId=dev.stepgraph"
        + " -DarchetypeArtifactId=stepgraph-connector-archetype -DarchetypeVersion=" + property("stepgraph.it.version")
        + " -DgroupId=com.acme -DartifactId=acme-connector -DinteractiveMode=false";
    assertTrue(readme().contains("$ " + command), "the README does not show: " + command);
    assertEquals(
        List.of("groupId=com.acme", "artifactId=acme-connector", "version=1.0-SNAPSHOT", "package=com.acme",
            "connectorName=Inventory"),
        Files.readAllLines(Path.of(property("stepgraph.it.projects"), "acme", "archetype.properties")),
        "the defaults of -DinteractiveMode=false");
  }

  /**
   * Every published artifact has its -sources and -javadoc jars (attached to the build, so they are
   * installed and deployed with it), and the processor's pom no longer names what it bundles.
   */
  @Test
  void theStepgraphArtifactsComeWithSourcesAndJavadoc() throws IOException {
    Path repo = Path.of(property("stepgraph.it.repo"), "dev", "stepgraph");
    String version = property("stepgraph.it.version");
    for (String artifact : List.of("stepgraph-annotations", "stepgraph-runtime", "stepgraph-processor", "stepgraph-testing")) {
      Path dir = repo.resolve(artifact).resolve(version);
      assertTrue(Files.isRegularFile(dir.resolve(artifact + "-" + version + ".jar")), dir.toString());
      assertTrue(Files.isRegularFile(dir.resolve(artifact + "-" + version + "-sources.jar")), dir.toString());
      assertTrue(Files.isRegularFile(dir.resolve(artifact + "-" + version + "-javadoc.jar")), dir.toString());
    }
    Path runtime = repo.resolve("stepgraph-runtime").resolve(version);
    assertTrue(entries(runtime.resolve("stepgraph-runtime-" + version + "-sources.jar"))
        .contains("dev/stepgraph/runtime/StepContext.java"));
    List<String> javadoc = entries(runtime.resolve("stepgraph-runtime-" + version + "-javadoc.jar"));
    assertTrue(javadoc.contains("dev.stepgraph.runtime/dev/stepgraph/runtime/StepContext.html"), javadoc.toString());
    assertFalse(javadoc.stream().anyMatch(name -> name.contains("/internal/")), "the engine is not API");
    assertTrue(entries(repo.resolve("stepgraph-annotations").resolve(version)
        .resolve("stepgraph-annotations-" + version + "-javadoc.jar"))
        .contains("dev.stepgraph.annotations/dev/stepgraph/Step.html"));
    String processorPom = Files.readString(
        repo.resolve("stepgraph-processor").resolve(version).resolve("stepgraph-processor-" + version + ".pom"));
    assertFalse(processorPom.contains("<groupId>com.palantir.javapoet</groupId>"), processorPom);
  }

  // ---------------------------------------------------------------------------------------------

  private static String readme() throws IOException {
    return Files.readString(Path.of(property("stepgraph.repo.root"), "README.md"), StandardCharsets.UTF_8);
  }

  /** The lines after {@code first} in the README's text block that starts with it. */
  private static List<String> readmeTranscript(String first) throws IOException {
    List<String> lines = List.of(readme().split("\n", -1));
    for (int i = 0; i < lines.size() - 1; i++) {
      if (lines.get(i).equals("```text") && lines.get(i + 1).equals(first)) {
        List<String> transcript = new ArrayList<>();
        for (int j = i + 2; !lines.get(j).equals("```"); j++) {
          transcript.add(lines.get(j));
        }
        return transcript;
      }
    }
    throw new AssertionError("the README shows no transcript starting with: " + first);
  }

  private static List<String> withoutDurations(List<String> lines) {
    return lines.stream()
        .map(line -> line.replaceAll("\\d{8}T\\d{6}Z-[0-9a-f]{4}", "<run>")
            .replaceAll("\\d+(\\.\\d+)? ?(ms|s)\\b", "T").replaceAll(" to \\S*inventory\\.jsonl$", " to inventory.jsonl"))
        .toList();
  }

  private static List<String> entries(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream().map(ZipEntry::getName).toList();
    }
  }

  private record Result(int exitCode, List<String> lines, String output) {}

  /** {@code java ARGS} in a working directory of its own (the project's jar by its path); stdout, then stderr. */
  private Result java(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : args) {
      // The project's jar, run from a working directory of its own: the run store a run
      // records itself in (.stepgraph) goes there, not into the generated project.
      command.add(arg.equals(JAR) ? project().resolve(JAR).toString() : arg);
    }
    Path stdout = tmp.resolve("stdout.txt");
    Path stderr = tmp.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(Files.createDirectories(tmp.resolve("work")).toFile())
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().remove("_JAVA_OPTIONS");
    Process process = builder.start();
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("did not finish within a minute: " + command);
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(stdout, StandardCharsets.UTF_8));
    lines.addAll(Files.readAllLines(stderr, StandardCharsets.UTF_8));
    return new Result(process.exitValue(), lines, String.join("\n", lines));
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    assertTrue(value != null && !value.isBlank(), name + " is not set: run through maven-failsafe-plugin (mvn verify)");
    return value;
  }
}
