package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.Entity;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A connector's {@code ConnectorMain} for tests that run the command line as a real process (see
 * {@link CliProcess}): a hand-built graph chosen by name, run through {@link StepgraphCli}, then
 * {@code System.exit}.
 *
 * <pre>
 * CliProcessMain MARKERS GRAPH [entities=N] [hold-write=LINE] [stop-wait=MILLIS] -- CLI ARGS...
 * </pre>
 *
 * The process tells the test where it is with marker files in {@code MARKERS}: a step writes
 * {@code ran-<step>} when it starts, and {@code stuck} before it blocks; with {@code
 * hold-write=LINE}, the writing of {@code --output} writes {@code writing} once it has written
 * line {@code LINE} and then waits until the test creates {@code release} (forever if it never
 * does); the interrupt handler (SIGINT, SIGTERM) writes {@code interrupted} when it starts. {@code
 * stop-wait} is how long the interrupt handler waits for the write. Without options the process
 * calls the public {@link StepgraphCli#execute(String[], java.util.function.Supplier)} and {@link
 * StepgraphCli#exit}, as a generated {@code ConnectorMain} does. Graphs:
 *
 * <ul>
 *   <li>{@code small}: {@code users} emits {@code N} users (default 2), then {@code roles} one role.
 *   <li>{@code failing}: {@code users} emits {@code N} users; {@code bad} fails.
 *   <li>{@code stray}: {@code users} emits {@code N} users and starts a thread that is not a
 *       daemon and never ends (it writes {@code stray-started}), as a connector's HTTP client might.
 *   <li>{@code stuck}: {@code users} emits {@code N} users; {@code hosts}, after it, blocks until
 *       the run is cancelled.
 * </ul>
 */
public final class CliProcessMain {
  private CliProcessMain() {}

  public static void main(String[] args) throws IOException {
    int separator = Arrays.asList(args).indexOf("--");
    if (separator < 2) {
      throw new IllegalArgumentException("usage: CliProcessMain MARKERS GRAPH [option=value]... -- ARGS");
    }
    Path markers = Paths.get(args[0]);
    String graphName = args[1];
    int entities = 2;
    long holdWrite = -1;
    Duration stopWait = CliIo.STOP_WAIT;
    boolean injected = false;
    for (String option : Arrays.asList(args).subList(2, separator)) {
      String[] pair = option.split("=", 2);
      switch (pair[0]) {
        case "entities":
          entities = Integer.parseInt(pair[1]);
          break;
        case "hold-write":
          holdWrite = Long.parseLong(pair[1]);
          injected = true;
          break;
        case "stop-wait":
          stopWait = Duration.ofMillis(Long.parseLong(pair[1]));
          injected = true;
          break;
        default:
          throw new IllegalArgumentException("unknown option " + option);
      }
    }
    String[] cliArgs = Arrays.copyOfRange(args, separator + 1, args.length);
    ConnectorGraph graph = graph(graphName, entities, markers);
    if (!injected) {
      StepgraphCli.exit(StepgraphCli.execute(cliArgs, () -> graph));
      return;
    }
    long holdAt = holdWrite;
    JsonLines.Progress progress =
        lines -> {
          if (lines == holdAt) {
            touch(markers.resolve("writing"));
            awaitFile(markers.resolve("release"));
          }
        };
    Interrupts shutdownHook = Interrupts.shutdownHook();
    Interrupts interrupts =
        handler ->
            shutdownHook.onInterrupt(() -> {
              try {
                touch(markers.resolve("interrupted"));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              handler.run();
            });
    CliIo io = new CliIo(System.out, System.err, System.getenv(), interrupts, stopWait, progress);
    System.exit(StepgraphCli.execute(cliArgs, () -> graph, io));
  }

  /** Waits until the test creates {@code file}; the test bounds how long it lets this take. */
  private static void awaitFile(Path file) throws IOException {
    try {
      while (!Files.exists(file)) {
        Thread.sleep(5);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + file);
    }
  }

  static ConnectorGraph graph(String name, int users, Path markers) {
    ConnectorGraph.Builder builder = ConnectorGraph.builder(name, "");
    builder.step("users", "", List.of(), 0, ctx -> {
      touch(markers.resolve("ran-users"));
      for (int i = 0; i < users; i++) {
        ctx.emit(Entity.of("user", String.format("u-%07d", i)).with("name", "user number " + i));
      }
    });
    switch (name) {
      case "small":
        builder.step("roles", "", List.of("users"), 1, ctx -> {
          touch(markers.resolve("ran-roles"));
          ctx.emit(Entity.of("role", "r-1"));
        });
        break;
      case "failing":
        builder.step("bad", "", List.of(), 0, ctx -> {
          touch(markers.resolve("ran-bad"));
          throw new IllegalStateException("API timeout");
        });
        break;
      case "stray":
        builder.step("roles", "", List.of("users"), 1, ctx -> {
          Thread stray = new Thread(() -> {
            try {
              new CountDownLatch(1).await(); // never
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }, "connector-client");
          stray.setDaemon(false);
          stray.start();
          touch(markers.resolve("stray-started"));
          ctx.emit(Entity.of("role", "r-1"));
        });
        break;
      case "stuck":
        builder.step("hosts", "", List.of("users"), 1, ctx -> {
          touch(markers.resolve("ran-hosts"));
          touch(markers.resolve("stuck"));
          new CountDownLatch(1).await(); // until cancelled (interrupted)
        });
        break;
      case "stuck-once":
        // Stuck until cancelled the first time; a later run in the same directory goes through.
        builder.step("hosts", "", List.of("users"), 1, ctx -> {
          touch(markers.resolve("ran-hosts"));
          if (!Files.exists(markers.resolve("stuck"))) {
            touch(markers.resolve("stuck"));
            new CountDownLatch(1).await(); // until cancelled (interrupted)
          }
          ctx.emit(Entity.of("host", "h-1"));
        });
        break;
      default:
        throw new IllegalArgumentException("unknown graph " + name);
    }
    return builder.build();
  }

  static void touch(Path marker) throws IOException {
    Files.write(marker, new byte[0]);
  }
}
