package dev.stepgraph.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.acme.github.GitHubConnector;
import org.junit.jupiter.api.Test;

/** The rule that picks the frame of a failure that lies in the connector's own code. */
class FailureLocationsTest {

  private static StackTraceElement frame(String className, String method, String file, int line) {
    return new StackTraceElement(className, method, file, line);
  }

  private static StackTraceElement frame(String module, String className, String method) {
    return new StackTraceElement(null, module, null, className, method, "X.java", 1);
  }

  private static Throwable thrownAt(StackTraceElement... frames) {
    RuntimeException error = new RuntimeException("boom");
    error.setStackTrace(frames);
    return error;
  }

  private static final StackTraceElement JDK =
      frame("java.util.Objects", "requireNonNull", "Objects.java", 233);
  private static final StackTraceElement LIBRARY =
      frame("com.fasterxml.jackson.databind.node.ObjectNode", "get", "ObjectNode.java", 312);
  private static final StackTraceElement RUNTIME =
      frame("dev.stepgraph.runtime.internal.AttemptContext", "runBody", "AttemptContext.java", 240);
  private static final StackTraceElement GENERATED =
      frame("com.acme.github.GitHubConnector_StepGraph", "lambda$build$0", "GitHubConnector_StepGraph.java", 40);
  private static final StackTraceElement GENERATED_CHUNK =
      frame("com.acme.github.GitHubConnector_StepGraph$Steps1", "run", "GitHubConnector_StepGraph.java", 90);
  private static final StackTraceElement CONNECTOR =
      frame("com.acme.github.GitHubConnector", "members", "GitHubConnector.java", 64);
  private static final StackTraceElement CONNECTOR_LAMBDA =
      frame("com.acme.github.GitHubConnector", "lambda$members$2", "GitHubConnector.java", 70);
  private static final StackTraceElement CLIENT =
      frame("com.acme.github.api.GitHubApi", "teams", "GitHubApi.java", 12);
  private static final StackTraceElement SIBLING_PACKAGE =
      frame("com.acme.githubx.Other", "call", "Other.java", 5);

  private final FailureLocations connector = new FailureLocations(GitHubConnector.class);

  @Test
  void theFirstFrameInTheConnectorsPackageOrBelowCounts() {
    assertEquals(CONNECTOR, connector.find(thrownAt(JDK, LIBRARY, CONNECTOR, GENERATED, RUNTIME)));
    assertEquals(CLIENT, connector.find(thrownAt(LIBRARY, CLIENT, CONNECTOR, GENERATED, RUNTIME)));
    assertEquals(CONNECTOR_LAMBDA, connector.find(thrownAt(JDK, CONNECTOR_LAMBDA, JDK, CONNECTOR)));
    assertEquals(CONNECTOR, connector.find(thrownAt(SIBLING_PACKAGE, CONNECTOR)),
        "com.acme.githubx is not below com.acme.github");
  }

  @Test
  void framesOfTheRuntimeTheJdkAndGeneratedGraphsNeverCount() {
    assertNull(connector.find(thrownAt(JDK, RUNTIME, GENERATED, GENERATED_CHUNK, RUNTIME)),
        "generated code sits in the connector's package, yet is not the connector's");
    assertNull(connector.find(thrownAt(LIBRARY, JDK, RUNTIME)), "a library's frame is no location");
  }

  @Test
  void causesAreSearchedWhenTheFailureItselfHasNoFrameOfTheConnector() {
    Throwable cause = thrownAt(LIBRARY, CLIENT, CONNECTOR);
    Throwable wrapper = new IllegalStateException("wrapped", cause);
    wrapper.setStackTrace(new StackTraceElement[] {JDK, RUNTIME});
    assertEquals(CLIENT, connector.find(wrapper));
  }

  @Test
  void aCycleOfCausesEnds() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    a.setStackTrace(new StackTraceElement[] {JDK});
    b.setStackTrace(new StackTraceElement[] {LIBRARY});
    assertNull(connector.find(a));
  }

  @Test
  void withoutAConnectorClassTheFirstFrameOutsideTheJdkTheRuntimeAndGeneratedCodeCounts() {
    FailureLocations anyCode = new FailureLocations(null);
    assertEquals(LIBRARY, anyCode.find(thrownAt(JDK, GENERATED, LIBRARY, CONNECTOR, RUNTIME)));
  }

  @Test
  void aSuperclassPackageCountsForInheritedStepMethods() {
    FailureLocations inherited = new FailureLocations(Subclass.class);
    StackTraceElement base = frame("com.acme.github.GitHubConnector", "members", "GitHubConnector.java", 64);
    assertEquals(base, inherited.find(thrownAt(LIBRARY, base)));
  }

  @Test
  void aFrameInTheConnectorsNamedModuleCounts() {
    StackTraceElement otherPackage = frame("com.acme.inventory", "com.acme.http.Client", "get");
    StackTraceElement elsewhere = frame("org.library", "org.library.Thing", "get");
    assertEquals("com.acme.http.Client",
        FailureLocations.inModule("com.acme.inventory", GitHubConnector.class)
            .find(thrownAt(elsewhere, otherPackage)).getClassName());
  }

  @Test
  void aThrowableWhoseStackTraceThrowsHasNoLocation() {
    RuntimeException broken = new RuntimeException("broken") {
      private static final long serialVersionUID = 1L;

      @Override
      public StackTraceElement[] getStackTrace() {
        throw new IllegalStateException("no trace");
      }
    };
    assertNull(connector.find(broken));
  }

  @Test
  void theLocationTextIsFileAndLine() {
    assertEquals("GitHubConnector.java:64", Errors.location(CONNECTOR));
    assertEquals("GitHubConnector.java", Errors.location(frame("a.B", "m", "GitHubConnector.java", -1)));
    assertEquals("a.B.m", Errors.location(frame("a.B", "m", null, -1)));
  }

  /** A connector class in another package whose step method it inherits. */
  static class Subclass extends GitHubConnector {}
}
