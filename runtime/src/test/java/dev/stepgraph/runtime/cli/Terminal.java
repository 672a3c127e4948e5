package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs the command line in-process with captured stdout and stderr and a hand-held Ctrl-C, in a
 * working directory of its own (where the run store is by default), removed when the JVM ends.
 */
final class Terminal implements Interrupts {
  private static final List<Path> DIRECTORIES = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (Path directory : DIRECTORIES) {
        deleteTree(directory);
      }
    }));
  }

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private boolean stdoutFails;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<String, String> environment;
  final AtomicReference<Runnable> interruptHandler = new AtomicReference<>();
  final CountDownLatch handlerRegistered = new CountDownLatch(1);
  volatile boolean handlerRemoved;

  Terminal() {
    this(Map.of());
  }

  Terminal(Map<String, String> environment) {
    this.environment = environment;
    try {
      this.workingDirectory = Files.createTempDirectory("stepgraph-terminal-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DIRECTORIES.add(workingDirectory);
  }

  private Terminal(Map<String, String> environment, Path workingDirectory) {
    this.environment = environment;
    this.workingDirectory = workingDirectory;
  }

  /** A new terminal (its own stdout and stderr) in the same working directory: the same store. */
  Terminal next() {
    return new Terminal(environment, workingDirectory);
  }

  /** The working directory of the commands it runs: the default run store is in it. */
  final Path workingDirectory;

  private static void deleteTree(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // Left in the temporary directory.
    }
  }

  /** Standard output fails every write from now on, as a closed one or a full disk does. */
  Terminal stdoutFails() {
    stdoutFails = true;
    return this;
  }

  private CliIo io() {
    OutputStream stdout =
        !stdoutFails
            ? out
            : new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                  throw new IOException("No space left on device");
                }
              };
    return new CliIo(
        new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        environment,
        this).in(workingDirectory);
  }

  int run(ConnectorGraph graph, String... args) {
    return StepgraphCli.execute(args, () -> graph, io());
  }

  int run(Map<String, Supplier<ConnectorGraph>> connectors, String... args) {
    return StepgraphCli.execute(args, connectors, io());
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Override
  public Registration onInterrupt(Runnable handler) {
    interruptHandler.set(handler);
    handlerRegistered.countDown();
    return () -> handlerRemoved = true;
  }
}
