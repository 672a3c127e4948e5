package dev.stepgraph.bench;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer sees of the benchmarks, with a real Maven (the one running this build) on the
 * real poms: {@code mvn -q} prints nothing from the connector generator, and the default build
 * does not include the benchmarks ({@code -Pbenchmarks} does). Maven runs against a local
 * repository of its own, filled by maven-invoker-plugin:install, whose settings mirror every
 * remote repository by this build's local repository: no network.
 */
class QuietBuildIT {
  @TempDir static Path tmp;
  private static Path settings;

  @BeforeAll
  static void settingsThatMirrorTheOuterLocalRepository() throws IOException {
    settings = tmp.resolve("settings.xml");
    Files.writeString(settings, String.join("\n",
        "<settings>",
        "  <mirrors>",
        "    <mirror>",
        "      <id>outer-local-repository</id>",
        "      <mirrorOf>*</mirrorOf>",
        "      <url>" + Path.of(property("stepgraph.it.outerRepo")).toUri() + "</url>",
        "    </mirror>",
        "  </mirrors>",
        "</settings>",
        ""), StandardCharsets.UTF_8);
  }

  @Test
  void quietMeansQuietTheGeneratorWritesItsConnectorAndMavenPrintsNothing() throws Exception {
    Path generated = tmp.resolve("quiet");
    Result quiet = mvn("-q", "-f", root().resolve("benchmarks/pom.xml").toString(),
        "-Dbench.generated=" + generated, GENERATE_200);

    assertEquals(0, quiet.exitCode(), quiet.output());
    assertEquals("", quiet.output());
    // It ran: its one line (GenerateConnector: wrote ...) went to Maven's log at INFO, which -q hides.
    assertTrue(Files.isRegularFile(generated.resolve("dev/stepgraph/bench/concurrency/Sleep200Connector.java")));
  }

  @Test
  void theDefaultBuildLeavesTheBenchmarksOutAndTheProfileBringsThemIn() throws Exception {
    // The reactor is all this looks at: the enforcer's checks would only add time.
    Result plain = mvn("-f", root().resolve("pom.xml").toString(), "-Denforcer.skip", "validate");
    Result profile = mvn("-f", root().resolve("pom.xml").toString(), "-Denforcer.skip", "-Pbenchmarks", "validate");

    assertEquals(0, plain.exitCode(), plain.output());
    assertEquals(0, profile.exitCode(), profile.output());
    assertTrue(plain.output().contains("[INFO] Stepgraph runtime "), plain.output());
    assertFalse(plain.output().contains("Stepgraph benchmarks"), plain.output());
    assertTrue(profile.output().contains("[INFO] Stepgraph benchmarks "), profile.output());
  }

  /** The smaller of the two generator executions of the pom, alone. */
  private static final String GENERATE_200 =
      "org.codehaus.mojo:exec-maven-plugin:3.5.0:exec@generate-concurrency-connector";

  private static Path root() {
    return Path.of(property("stepgraph.repo.root"));
  }

  private record Result(int exitCode, String output) {}

  /** The Maven of this build, batch mode, with the test's settings and local repository. */
  private static Result mvn(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(property("stepgraph.it.mavenHome"), "bin", File.separatorChar == '\\' ? "mvn.cmd" : "mvn").toString(),
        "-B", "-ntp", "-s", settings.toString(), "-Dmaven.repo.local=" + property("stepgraph.it.repo")));
    command.addAll(List.of(args));
    Path output = Files.createTempFile(tmp, "mvn", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(root().toFile())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("MAVEN_OPTS");
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().remove("_JAVA_OPTIONS");
    Process process = builder.start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("Maven did not finish within 3 minutes: " + command);
    }
    return new Result(process.exitValue(), withoutJvmNoise(Files.readString(output, StandardCharsets.UTF_8)));
  }

  /**
   * Without what is not Maven's nor the build's: the colour resets Maven 3.8's console prints at
   * exit even in batch mode, and the JVM's own warnings ({@code WARNING: A terminally deprecated
   * method in sun.misc.Unsafe...}, from Maven's Guava on JDK 24 and newer).
   */
  private static String withoutJvmNoise(String output) {
    StringBuilder kept = new StringBuilder();
    for (String line : output.replaceAll("\u001B\\[[;\\d]*m", "").split("\\R", -1)) {
      if (!line.startsWith("WARNING: ") && !line.isEmpty()) {
        kept.append(line).append('\n');
      }
    }
    return kept.toString();
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    assertTrue(value != null && !value.isBlank(), name + " is not set: run through maven-failsafe-plugin (mvn verify)");
    return value;
  }
}
