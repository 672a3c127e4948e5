package dev.stepgraph.temporal;

import dev.stepgraph.runtime.cli.CliContext;
import dev.stepgraph.runtime.cli.UsageException;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * {@code temporal dev-server}: the Java SDK's in-memory test server, for trying a connector on
 * Temporal without a cluster; not for production (it keeps nothing and serves one machine). It
 * listens on 127.0.0.1 only: the SDK's own port-bound starter listens on every interface, so the
 * server's services are bound to the loopback address ({@link LoopbackTestServer}).
 */
final class DevServer {
  static final int DEFAULT_PORT = 7233;

  private DevServer() {}

  static int run(List<String> args, CliContext context) {
    if (args.contains("--help") || args.contains("-h")) {
      context.out().println(TemporalCommand.USAGE);
      return 0;
    }
    CommandArgs options =
        CommandArgs.read("temporal dev-server", args, Set.of("--port"), Set.of(), Set.of());
    int port = DEFAULT_PORT;
    String given = options.value("--port");
    if (given != null) {
      try {
        port = Integer.parseInt(given);
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 0 || port > 65535) {
        throw new UsageException(
            "temporal dev-server: --port must be from 0 to 65535, was '" + given + "'");
      }
    }
    LoopbackTestServer server;
    try {
      server = LoopbackTestServer.start(port);
    } catch (IOException e) {
      throw new UsageException(
          "temporal dev-server: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
    }
    Runtime.getRuntime().addShutdownHook(
        new Thread(server::close, "stepgraph-temporal-dev-server-stop"));
    context.out().println("Temporal dev server listening on 127.0.0.1:" + server.port()
        + " (in memory, not for production); Ctrl-C stops it");
    context.out().flush();
    try {
      server.awaitTermination();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
    return 0;
  }
}
