package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@link CliProcessMain} as a separate JVM on this test's class path, in a directory of its
 * own that holds its stdout, its stderr and the markers its steps write.
 */
public final class CliProcess {
  /** How long a test waits for a process or a marker before it fails. */
  static final long TIMEOUT_SECONDS = 60;

  /** The temporary files of {@code --output}: {@code .<name>.<hex>.tmp}. */
  static final Pattern TEMP = Pattern.compile("\\..+\\.[0-9a-f]{1,16}\\.tmp");

  final Path dir;
  final Path stdout;
  final Path stderr;
  private final List<String> prefix = new ArrayList<>();
  private final List<String> jvmOptions = new ArrayList<>();
  private String classPath = System.getProperty("java.class.path");
  private final List<String> main = new ArrayList<>();
  private final List<String> args = new ArrayList<>();
  private Path stdoutTarget;
  private Process process;

  /** A process that keeps its logs and markers in {@code dir}, which it creates. */
  CliProcess(Path dir, String graph, String... mainOptions) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.stdout = dir.resolve("stdout.txt");
    this.stderr = dir.resolve("stderr.txt");
    this.stdoutTarget = stdout;
    main.add(dir.toString());
    main.add(graph);
    main.addAll(List.of(mainOptions));
  }

  /** The command line arguments (after the graph). */
  CliProcess args(String... cliArgs) {
    args.addAll(List.of(cliArgs));
    return this;
  }

  /** Runs the JVM under {@code sh -c 'ulimit -f BLOCKS'}: files it writes grow to 512 * BLOCKS bytes at most. */
  CliProcess fileSizeLimit(int blocks) {
    prefix.addAll(List.of("sh", "-c", "ulimit -f " + blocks + " && exec \"$@\"", "sh"));
    return this;
  }

  /** Runs the JVM under this command (strace ...). */
  CliProcess tracedBy(String... command) {
    prefix.addAll(List.of(command));
    return this;
  }

  /** Gives the JVM these options ({@code -Dname=value}). */
  CliProcess jvmOptions(String... options) {
    jvmOptions.addAll(List.of(options));
    return this;
  }

  /** Puts this directory or jar before the test's class path. */
  CliProcess classPathFirst(Path entry) {
    classPath = entry + java.io.File.pathSeparator + classPath;
    return this;
  }

  /** Runs the JVM with its stdout closed. */
  CliProcess stdoutClosed() {
    prefix.addAll(List.of("sh", "-c", "exec \"$@\" >&-", "sh"));
    return this;
  }

  /** Sends stdout there instead of {@link #stdout}. */
  CliProcess stdoutTo(Path target) {
    this.stdoutTarget = target;
    return this;
  }

  static String java() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  CliProcess start() throws IOException {
    List<String> command = new ArrayList<>(prefix);
    // No hsperfdata file: with a file size limit or a closed stdout it would be in the way.
    command.addAll(List.of(java(), "-XX:-UsePerfData"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classPath, CliProcessMain.class.getName()));
    command.addAll(main);
    command.add("--");
    command.addAll(args);
    process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(stdoutTarget.toFile())
            .redirectError(stderr.toFile())
            .start();
    return this;
  }

  long pid() {
    return process.pid();
  }

  Process process() {
    return process;
  }

  /** Waits for the exit code. */
  int waitFor() throws IOException, InterruptedException {
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("the process did not end within " + TIMEOUT_SECONDS + " s; stderr:\n" + stderr());
    }
    return process.exitValue();
  }

  /** Starts the process and waits for its exit code. */
  int run() throws IOException, InterruptedException {
    return start().waitFor();
  }

  String stdout() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  String stderr() throws IOException {
    return Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "";
  }

  /** Waits for a marker file the process writes; fails if the process ends first. */
  void awaitMarker(String name) throws IOException, InterruptedException {
    Path marker = dir.resolve(name);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (!Files.exists(marker)) {
      if (!process.isAlive()) {
        fail("the process ended (exit " + process.exitValue() + ") before writing " + name
            + "; stderr:\n" + stderr());
      }
      if (System.nanoTime() > deadline) {
        fail("no " + name + " within " + TIMEOUT_SECONDS + " s; stderr:\n" + stderr());
      }
      Thread.sleep(5); // polling the file system; no outcome depends on how long this takes
    }
  }

  /** Sends a signal with {@code kill -SIGNAL pid}. */
  void kill(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
    assertTrue(kill.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill failed");
  }

  /**
   * Skips the test when this JVM ignores SIGINT: a JVM started in the background by a shell
   * without job control inherits SIGINT ignored and passes it on to its children, where Ctrl-C
   * then does nothing at all.
   */
  public static void assumeSigintIsDelivered() throws IOException {
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

  /** The names in {@code dir} that look like temporary files of {@code --output}. */
  static List<String> tempFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> TEMP.matcher(n).matches())
          .sorted()
          .toList();
    }
  }
}
