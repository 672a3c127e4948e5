package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.ConnectorGraph;
import dev.stepgraph.runtime.Entity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A connector's {@code ConnectorMain} for tests that run the command line as a real process (see
 * {@link CliProcess}): a hand-built graph chosen by name, run through {@link StepgraphCli}, then
 * {@code System.exit}.
 *
 * <pre>
 * CliProcessMain MARKERS GRAPH [entities=N] -- CLI ARGS...
 * </pre>
 *
 * The process tells the test where it is with marker files in {@code MARKERS}: a step writes
 * {@code ran-<step>} when it starts, and {@code stuck} before it blocks. It calls the public
 * {@link StepgraphCli#execute(String[], java.util.function.Supplier)}, as a generated {@code
 * ConnectorMain} does. Graphs:
 *
 * <ul>
 *   <li>{@code small}: {@code users} emits {@code N} users (default 2), then {@code roles} one role.
 *   <li>{@code failing}: {@code users} emits {@code N} users; {@code bad} fails.
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
    for (String option : Arrays.asList(args).subList(2, separator)) {
      String[] pair = option.split("=", 2);
      if (pair[0].equals("entities")) {
        entities = Integer.parseInt(pair[1]);
      } else {
        throw new IllegalArgumentException("unknown option " + option);
      }
    }
    String[] cliArgs = Arrays.copyOfRange(args, separator + 1, args.length);
    ConnectorGraph graph = graph(graphName, entities, markers);
    System.exit(StepgraphCli.execute(cliArgs, () -> graph));
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
      case "stuck":
        builder.step("hosts", "", List.of("users"), 1, ctx -> {
          touch(markers.resolve("ran-hosts"));
          touch(markers.resolve("stuck"));
          new CountDownLatch(1).await(); // until cancelled (interrupted)
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
