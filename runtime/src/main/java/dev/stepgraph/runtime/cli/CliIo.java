package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.run.ConnectorRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the command line talks to: stdout, stderr, the environment (for the configuration) and the
 * source of Ctrl-C; the working directory, where the run store is by default ({@code .stepgraph},
 * relative); and, for tests, how long the interrupt handler waits ({@code stopWait}) and what is
 * told of each line of {@code --output} written ({@code progress}). Injectable so tests run the
 * command line in-process or hold a real process at a known point.
 */
record CliIo(
    PrintStream out,
    PrintStream err,
    Map<String, String> environment,
    Interrupts interrupts,
    Duration stopWait,
    JsonLines.Progress progress,
    Path workingDirectory) {

  /**
   * How long the interrupt handler waits for the cancelled run to stop and its output to be
   * written before it abandons the write: the steps' grace, then the write's.
   */
  static final Duration STOP_WAIT = ConnectorRunner.DEFAULT_CANCEL_GRACE.plus(Interrupts.WRITE_WAIT);

  CliIo(PrintStream out, PrintStream err, Map<String, String> environment, Interrupts interrupts) {
    this(out, err, environment, interrupts, STOP_WAIT, JsonLines.Progress.NONE);
  }

  CliIo(
      PrintStream out,
      PrintStream err,
      Map<String, String> environment,
      Interrupts interrupts,
      Duration stopWait,
      JsonLines.Progress progress) {
    this(out, err, environment, interrupts, stopWait, progress, Paths.get(""));
  }

  /**
   * The text with paths in the working directory shown relative to it, as they are given on the
   * command line ({@code .stepgraph/...}); the JVM's own working directory needs nothing.
   */
  String relative(String text) {
    String directory = workingDirectory.toString();
    return directory.isEmpty() ? text : text.replace(directory + java.io.File.separator, "");
  }

  /** The same, in another working directory. */
  CliIo in(Path directory) {
    return new CliIo(out, err, environment, interrupts, stopWait, progress, directory);
  }

  static CliIo system() {
    return new CliIo(System.out, System.err, new SystemEnvironment(), Interrupts.shutdownHook());
  }

  /**
   * The process's environment, read when first used: {@code plan} and {@code graph} never use it,
   * and reading it costs a start-up a few milliseconds on recent JDKs.
   */
  private static final class SystemEnvironment extends AbstractMap<String, String> {
    @Override
    public Set<Map.Entry<String, String>> entrySet() {
      return System.getenv().entrySet();
    }

    @Override
    public @Nullable String get(@Nullable Object name) {
      return name instanceof String variable ? System.getenv(variable) : null;
    }

    @Override
    public boolean containsKey(@Nullable Object name) {
      return get(name) != null;
    }
  }
}
