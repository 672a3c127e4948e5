package dev.stepgraph.temporal;

/**
 * The Temporal SDK talks gRPC over a shaded Netty, which on JDK 24 and later makes the JVM print
 * eight lines of warning on every start of {@code temporal worker}, {@code run} and {@code
 * dev-server}: it allocates memory through {@code sun.misc.Unsafe} and loads its native epoll
 * transport ({@code System.loadLibrary}, a restricted method). A connector's client and workers
 * exchange a few small messages per step, for which Netty's portable code (heap buffers, the NIO
 * transport) is as good; this selects it, before any Netty class loads. A property set on the
 * command line ({@code -Dio.grpc.netty.shaded.io.netty.noUnsafe=false}) is left as it is.
 *
 * <p>What is left on JDK 25 is protobuf's own warning about {@code sun.misc.Unsafe} (four
 * lines), which protobuf-java 3.25, the version Temporal's SDK depends on, has no switch for.
 */
final class QuietNetty {
  static final String NO_UNSAFE = "io.grpc.netty.shaded.io.netty.noUnsafe";
  static final String NO_NATIVE = "io.grpc.netty.shaded.io.netty.transport.noNative";

  private QuietNetty() {}

  static void unlessSet() {
    for (String property : new String[] {NO_UNSAFE, NO_NATIVE}) {
      if (System.getProperty(property) == null) {
        System.setProperty(property, "true");
      }
    }
  }
}
