package dev.stepgraph.temporal;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The Java SDK's in-memory test server on 127.0.0.1 only, with the wall clock (no time skipping):
 * behind {@code temporal dev-server}, and for trying or measuring a connector on Temporal without
 * a cluster. Not for production: it keeps nothing and serves one machine. The SDK's own
 * port-bound starter listens on every interface, so its services are bound here to a gRPC server
 * of the loopback address.
 */
public final class LoopbackTestServer implements AutoCloseable {
  private final TestServicesStarter services;
  private final Server server;

  private LoopbackTestServer(TestServicesStarter services, Server server) {
    this.services = services;
    this.server = server;
  }

  /**
   * Starts the server on {@code port} of 127.0.0.1; 0 for any free port.
   *
   * @throws IOException if it cannot listen there
   */
  public static LoopbackTestServer start(int port) throws IOException {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    ServerBuilder<?> builder =
        NettyServerBuilder.forAddress(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
            InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    try {
      return new LoopbackTestServer(services, builder.build().start());
    } catch (IOException | RuntimeException e) {
      services.close();
      throw e;
    }
  }

  /** The port it listens on. */
  public int port() {
    return server.getPort();
  }

  /** Blocks until the server is shut down. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() {
    server.shutdownNow();
    services.close();
  }
}
