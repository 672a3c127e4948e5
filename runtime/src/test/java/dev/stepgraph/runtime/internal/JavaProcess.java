package dev.stepgraph.runtime.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@link RunScenarios} in a JVM of its own, on this JVM's class path and java. */
final class JavaProcess {
  /** What a finished process left behind. */
  record Result(int exitCode, String stdout, String stderr) {}

  private JavaProcess() {}

  static String java() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code java [jvmOptions] -cp <this class path> RunScenarios scenario args...}. */
  static List<String> command(List<String> jvmOptions, String scenario, String... args) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(RunScenarios.class.getName());
    command.add(scenario);
    command.addAll(List.of(args));
    return command;
  }

  /**
   * Starts the command with its standard output a pipe that nobody reads, standard error to a
   * file.
   */
  static Process startUnread(List<String> command, Map<String, String> env, Path stderr)
      throws IOException {
    // In the directory of its stderr: the run store (.stepgraph) goes there, not into the module.
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(stderr.toAbsolutePath().getParent().toFile())
            .redirectError(stderr.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Runs the command to its end, at most {@code minutes}; fails the test if it does not end. */
  static Result run(List<String> command, Map<String, String> env, Path dir, int minutes)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile()) // the run store (.stepgraph) goes there, not into the module
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(
          "the process did not end within " + minutes + " min: " + command + "\nstderr:\n"
              + Files.readString(err, StandardCharsets.UTF_8));
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
