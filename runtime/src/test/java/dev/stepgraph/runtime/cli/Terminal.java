package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Runs the command line in-process with captured stdout and stderr and a hand-held Ctrl-C. */
final class Terminal implements Interrupts {
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
        this);
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
