package dev.stepgraph.runtime.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link RunScenarios} as user nobody, for what does not bind root (file permissions, a limit on
 * processes). The tests run as root here, so they change user with {@code setpriv}; elsewhere
 * they are skipped.
 */
final class Unprivileged {
  private final List<String> classPath;

  private Unprivileged(List<String> classPath) {
    this.classPath = classPath;
  }

  /**
   * Copies the class path into {@code dir} (which nobody must be able to read: the test's
   * temporary directory is not) and opens {@code dir} up to everyone.
   */
  static Unprivileged in(Path dir) throws IOException {
    assumeTrue(Files.isExecutable(Paths.get("/usr/bin/setpriv")), "needs setpriv");
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to change user");
    List<String> classPath = new ArrayList<>();
    Path copies = Files.createDirectory(dir.resolve("cp"));
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path source = Paths.get(entry);
      if (!Files.exists(source)) {
        continue;
      }
      Path copy = copies.resolve(n++ + "-" + source.getFileName());
      copyTree(source, copy);
      classPath.add(copy.toString());
    }
    openUp(dir);
    return new Unprivileged(classPath);
  }

  /** The scenario as user nobody, with a shell before it running {@code shell} (say, a ulimit). */
  List<String> command(String shell, List<String> jvmOptions, String... scenario) {
    List<String> command = new ArrayList<>(List.of(
        "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
        "--inh-caps=-all", "/bin/bash", "-c", shell + " && exec \"$@\"", "bash"));
    command.add(JavaProcess.java());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPath));
    command.add(RunScenarios.class.getName());
    command.addAll(List.of(scenario));
    return command;
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (var paths = Files.walk(source)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path to = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(to);
        } else {
          Files.createDirectories(to.getParent());
          Files.copy(path, to);
        }
      }
    }
  }

  /** Everything under {@code root} readable and writable by everyone. */
  static void openUp(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Files.setPosixFilePermissions(
            path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxrwxrwx" : "rw-rw-rw-"));
      }
    }
  }
}
