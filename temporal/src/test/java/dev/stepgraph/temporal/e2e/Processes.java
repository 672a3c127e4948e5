package dev.stepgraph.temporal.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The test connector's {@code ConnectorMain} as separate JVMs, on this test's class path. */
final class Processes {
  static final String MAIN = "dev.stepgraph.temporal.e2e.ConnectorMain";

  private Processes() {}

  static ProcessBuilder main(Path directory, Map<String, String> env, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                MAIN));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.environment().putAll(env);
    return builder;
  }

  static Process start(ProcessBuilder builder, Path log) throws IOException {
    return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  static String classPathSeparator() {
    return File.pathSeparator;
  }
}
