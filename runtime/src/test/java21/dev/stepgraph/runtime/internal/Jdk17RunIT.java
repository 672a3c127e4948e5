package dev.stepgraph.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar a JDK 21+ build packages (failsafe runs against it) holds VirtualThreads compiled for
 * release 21 in its root, not in a multi-release jar's {@code META-INF/versions}; a release is
 * built so and run on JDK 17 too. On a JDK 17 installed beside this one (as on CI; {@code
 * -Dstepgraph.jdk17} names another), a run on that jar succeeds on platform threads, and JDK 17
 * never loads the class it could not read.
 */
class Jdk17RunIT {
  private static final Path JDK17 =
      Path.of(System.getProperty("stepgraph.jdk17", "/usr/lib/jvm/java-17-openjdk-amd64"));

  @TempDir Path dir;

  @Test
  void theJarOfAJdk21BuildRunsOnJdk17OnPlatformThreads() throws Exception {
    Path java = JDK17.resolve("bin").resolve("java");
    Assumptions.assumeTrue(Files.isExecutable(java), "no JDK 17 at " + JDK17);
    URL virtualThreads =
        Objects.requireNonNull(VirtualThreads.class.getResource("VirtualThreads.class"));
    assertTrue(virtualThreads.toString().startsWith("jar:"), "not from the jar: " + virtualThreads);
    assertEquals(65, majorVersion(virtualThreads), "VirtualThreads is not compiled for release 21");
    Path log = dir.resolve("classes.log");
    Path stderr = dir.resolve("stderr.txt");
    // RunScenarios is of src/test/java (release 17): on the class path here, not compiled against.
    Process process =
        new ProcessBuilder(
                java.toString(), "-Xlog:class+load=info:file=" + log,
                "-cp", classPath(),
                "dev.stepgraph.runtime.internal.RunScenarios", "small", "run", "--no-state")
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(stderr.toFile())
            .start();
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the JDK 17 run did not end");

    String errors = Files.readString(stderr, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), errors);
    assertTrue(errors.contains("Finished in "), errors);
    List<String> loaded = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertTrue(
        loaded.stream().anyMatch(line -> line.contains(" " + StepThreadPool.class.getName() + " ")),
        "the steps did not run on the pool of platform threads: " + log);
    assertFalse(
        loaded.stream().anyMatch(line -> line.contains(" " + VirtualThreads.class.getName() + " ")),
        "JDK 17 loaded the release-21 VirtualThreads: " + log);
  }

  /**
   * The test classes of release 17, the packaged runtime jar and the runtime's dependencies, each
   * where this JVM loaded it from.
   */
  private static String classPath() throws Exception {
    // The test classes' package is the runtime module's, which owns it here: found by path.
    Path testClasses = Path.of("target", "test-classes").toAbsolutePath();
    assertTrue(
        Files.isRegularFile(testClasses.resolve("dev/stepgraph/runtime/internal/RunScenarios.class")),
        "no RunScenarios in " + testClasses);
    List<String> classes =
        List.of(
            "dev.stepgraph.runtime.graph.ConnectorGraph",
            "dev.stepgraph.Schedule",
            "org.jspecify.annotations.NullMarked",
            "org.slf4j.Logger",
            "picocli.CommandLine",
            "com.fasterxml.jackson.core.JsonFactory");
    StringJoiner path = new StringJoiner(File.pathSeparator);
    path.add(testClasses.toString());
    for (String name : classes) {
      URL location = Class.forName(name).getProtectionDomain().getCodeSource().getLocation();
      path.add(Path.of(location.toURI()).toString());
    }
    return path.toString();
  }

  private static int majorVersion(URL classFile) throws IOException {
    try (InputStream in = classFile.openStream();
        DataInputStream data = new DataInputStream(in)) {
      data.readInt(); // 0xCAFEBABE
      data.readUnsignedShort(); // minor
      return data.readUnsignedShort();
    }
  }
}
