package dev.stepgraph.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A tool of the running JDK ({@code javac}, {@code java}) run as a separate process, as a user runs it. */
final class JdkProcess {
  private JdkProcess() {}

  /** What the process printed and how it exited. */
  record Result(int exitCode, String stdout, String stderr) {
    /** Everything, for assertion messages. */
    String output() {
      return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  /** The path of a tool of the running JDK: {@code tool("javac")}. */
  static String tool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", File.separatorChar == '\\' ? name + ".exe" : name)
        .toString();
  }

  /** Runs the command in the current directory. */
  static Result run(List<String> command) throws Exception {
    return run(command, null);
  }

  /** Runs the command in {@code directory} (the current one if null), with no input, to its end. */
  static Result run(List<String> command, Path directory) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    Process process = builder.start();
    process.getOutputStream().close();
    // Read stderr on its own thread so that neither stream can fill up and stall the process.
    StringBuilder stderr = new StringBuilder();
    Thread errReader = new Thread(() -> {
      try {
        stderr.append(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        stderr.append(e);
      }
    });
    errReader.start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    errReader.join();
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), "did not finish: " + command);
    return new Result(process.exitValue(), stdout, stderr.toString());
  }
}
