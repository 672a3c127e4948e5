package dev.stepgraph.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the packaged example connector as a separate JVM, as a user runs it. */
final class ConnectorProcess {

  /** What a finished process left behind. */
  record Result(int exitCode, String stdout, String stderr) {
    List<String> stdoutLines() {
      return stdout.isEmpty() ? List.of() : List.of(stdout.split("\\R"));
    }

    List<String> stderrLines() {
      return stderr.isEmpty() ? List.of() : List.of(stderr.split("\\R"));
    }
  }

  private ConnectorProcess() {}

  static Path jar() {
    Path jar = Paths.get(System.getProperty("stepgraph.example.jar", "target/missing.jar"));
    assertTrue(Files.isRegularFile(jar), "the packaged connector jar is missing: " + jar);
    return jar;
  }

  static Path repoRoot() {
    return Paths.get(System.getProperty("stepgraph.repo.root", "..")).toAbsolutePath().normalize();
  }

  static String java() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * {@code java -cp <test classes, classes, the jar's lib> MAIN args...}: the generated {@code
   * ConnectorMain} of a connector in the test sources, which the packaged jar does not hold.
   */
  static ProcessBuilder testMain(String mainClass, String... args) {
    Path target = jar().getParent();
    String classpath =
        String.join(
            File.pathSeparator,
            target.resolve("test-classes").toString(),
            target.resolve("classes").toString(),
            target.resolve("lib").resolve("*").toString());
    List<String> command = new ArrayList<>(List.of(java(), "-cp", classpath, mainClass));
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  /** The API token the tests run with, as the README's quick start exports it. */
  static final String TOKEN = "demo-token";

  /**
   * A new, empty working directory under {@code target/}: a run's store ({@code .stepgraph}) goes
   * there, never into the repository.
   */
  static Path workingDirectory() throws IOException {
    Path base = jar().toAbsolutePath().getParent().resolve("it-work");
    Files.createDirectories(base);
    return Files.createTempDirectory(base, "run-");
  }

  /** {@code java -jar <example jar> args...}, with extra environment variables. */
  static ProcessBuilder builder(Map<String, String> env, String... args) throws IOException {
    return builder(workingDirectory(), env, Set.of(), args);
  }

  /**
   * {@code java -jar <example jar> args...}, with extra environment variables and without those
   * of {@code unset}.
   */
  static ProcessBuilder builder(Map<String, String> env, Set<String> unset, String... args)
      throws IOException {
    return builder(workingDirectory(), env, unset, args);
  }

  /** The same, in this working directory (where the run store is, by default). */
  static ProcessBuilder builder(Path workingDirectory, Map<String, String> env, String... args) {
    return builder(workingDirectory, env, Set.of(), args);
  }

  /** The same, in this working directory and without the environment variables of {@code unset}. */
  static ProcessBuilder builder(
      Path workingDirectory, Map<String, String> env, Set<String> unset, String... args) {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
    // Fast, deterministic defaults for tests; a test's own variables win.
    builder.environment().put("API_LATENCY_MS", "0");
    builder.environment().put("API_TOKEN", TOKEN);
    builder.environment().putAll(env);
    builder.environment().keySet().removeAll(unset);
    return builder;
  }

  static Result run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return run(builder(env, args));
  }

  static Result run(Map<String, String> env, Set<String> unset, String... args)
      throws IOException, InterruptedException {
    return run(builder(env, unset, args));
  }

  /**
   * Runs the process to its end (two minutes at most) and collects what it printed; in a new
   * working directory unless the builder has one.
   */
  static Result run(ProcessBuilder builder) throws IOException, InterruptedException {
    if (builder.directory() == null) {
      builder.directory(workingDirectory().toFile());
    }
    Path out = Files.createTempFile("stepgraph-stdout", ".txt");
    Path err = Files.createTempFile("stepgraph-stderr", ".txt");
    try {
      Process process =
          builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(
            "connector did not finish within 2 minutes: " + builder.command());
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  static Result run(String... args) throws IOException, InterruptedException {
    return run(Map.of(), args);
  }

  /**
   * Skips the test when this JVM ignores SIGINT: a JVM started in the background by a shell
   * without job control inherits SIGINT ignored and passes it on to its children, where Ctrl-C
   * then does nothing at all.
   */
  static void assumeSigintIsDelivered() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("SigIgn:")) {
        long ignored = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
        Assumptions.assumeTrue(
            (ignored & (1L << (2 - 1))) == 0,
            "SIGINT is ignored by this JVM (started in the background without job control), so"
                + " by the processes it starts: a real Ctrl-C cannot be tested here");
      }
    }
  }
}
