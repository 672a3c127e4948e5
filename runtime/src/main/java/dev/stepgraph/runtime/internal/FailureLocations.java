package dev.stepgraph.runtime.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where in the connector's own code a step failed: the first frame of the failure's stack trace
 * (from the top, where it was thrown) that lies in the connector's code, so that a {@code
 * NullPointerException} thrown deep in a JSON library still points at {@code
 * GitHubConnector.java:64}, the line that made the call.
 *
 * <p>The rule, in order:
 *
 * <ol>
 *   <li>Frames of the JDK (a {@code java.*} or {@code jdk.*} module, or a class in {@code java.},
 *       {@code javax.}, {@code jdk.}, {@code sun.} or {@code com.sun.}), of the Stepgraph runtime
 *       (a class in {@code dev.stepgraph.runtime} or below) and of generated graphs (a class named
 *       {@code ..._StepGraph}, its nested classes and lambdas) never count.
 *   <li>With a connector class, a frame counts if its class is in the connector's package or a
 *       package below it, in the package of one of the connector's superclasses (an inherited step
 *       method) or below, or in the connector's named module: so the connector's API client
 *       beside it counts, a library it calls does not.
 *   <li>Without one (a graph built by hand), the first frame that is left by the first rule counts:
 *       the step's own lambda or what it called.
 * </ol>
 *
 * The failure's own trace is searched first, then its causes', in order: a wrapped exception
 * thrown from library code still finds the connector's frame in the wrapper. No frame found means
 * no location (a timeout, or a failure thrown outside the connector's code altogether). Never
 * throws: a throwable whose {@code getStackTrace()} or {@code getCause()} fails has no location.
 */
final class FailureLocations {
  private static final int MAX_CAUSES = 32;

  private final @Nullable Class<?> connector;
  private final List<String> packages;
  private final @Nullable String module;

  /** Locations in the code of {@code connector}, or, if null, in any code but the JDK's and Stepgraph's. */
  FailureLocations(@Nullable Class<?> connector) {
    this(
        connector,
        connector != null && connector.getModule().isNamed() ? connector.getModule().getName() : null);
  }

  /** As if {@code connector} were in the named module {@code module} (tests). */
  static FailureLocations inModule(String module, Class<?> connector) {
    return new FailureLocations(connector, module);
  }

  private FailureLocations(@Nullable Class<?> connector, @Nullable String module) {
    this.connector = connector;
    List<String> own = new ArrayList<>();
    for (Class<?> type = connector; type != null && type != Object.class; type = type.getSuperclass()) {
      String name = type.getPackageName();
      if (!isJdkClass(name + ".") && !isRuntimeClass(name + ".") && !own.contains(name)) {
        own.add(name);
      }
    }
    this.packages = List.copyOf(own);
    this.module = module;
  }

  /** The first frame of {@code error} (or of its causes) in the connector's code, or null. */
  @Nullable StackTraceElement find(Throwable error) {
    try {
      Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      Throwable current = error;
      while (current != null && seen.size() < MAX_CAUSES && seen.add(current)) {
        for (StackTraceElement frame : current.getStackTrace()) {
          if (frame != null && counts(frame)) {
            return frame;
          }
        }
        current = current.getCause();
      }
    } catch (RuntimeException | StackOverflowError broken) {
      // a throwable whose own methods fail: no location rather than a failure of its own
    }
    return null;
  }

  private boolean counts(StackTraceElement frame) {
    String className = frame.getClassName();
    String frameModule = frame.getModuleName();
    if (isJdkClass(className)
        || (frameModule != null && (frameModule.startsWith("java.") || frameModule.startsWith("jdk.")))
        || isRuntimeClass(className)
        || isGenerated(className)) {
      return false;
    }
    if (connector == null) {
      return true;
    }
    if (module != null && module.equals(frameModule)) {
      return true;
    }
    int dot = className.lastIndexOf('.');
    String framePackage = dot < 0 ? "" : className.substring(0, dot);
    for (String own : packages) {
      if (own.isEmpty() ? framePackage.isEmpty()
          : framePackage.equals(own) || framePackage.startsWith(own + ".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isJdkClass(String className) {
    return className.startsWith("java.") || className.startsWith("javax.")
        || className.startsWith("jdk.") || className.startsWith("sun.")
        || className.startsWith("com.sun.");
  }

  private static boolean isRuntimeClass(String className) {
    return className.startsWith("dev.stepgraph.runtime.");
  }

  /** {@code com.acme.AwsConnector_StepGraph}, {@code ..._StepGraph$Steps1}: generated, not the connector's. */
  private static boolean isGenerated(String className) {
    int start = className.lastIndexOf('.') + 1;
    int end = className.indexOf('$', start);
    String topLevel = end < 0 ? className.substring(start) : className.substring(start, end);
    return topLevel.endsWith("_StepGraph");
  }
}
