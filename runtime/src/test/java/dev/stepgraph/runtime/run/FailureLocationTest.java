package dev.stepgraph.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.acme.github.FailsHere;
import com.acme.github.GitHubConnector_StepGraph;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A failed step's report and events say where in the connector's own code it failed: the line of
 * the connector that threw or made the failing call, not a frame of a library, the JDK, the
 * runtime or the generated graph.
 */
class FailureLocationTest {

  private static String where(StackTraceElement frame) {
    return frame.getClassName() + "." + frame.getMethodName() + " " + frame.getFileName() + ":"
        + frame.getLineNumber();
  }

  @Test
  void eachFailedStepCarriesTheFirstFrameOfTheConnectorsOwnCode() throws Exception {
    Recorder events = new Recorder();
    RunReport report =
        ConnectorRunner.builder(GitHubConnector_StepGraph.create()).listener(events).build().run();

    assertEquals(
        "com.acme.github.GitHubConnector.members GitHubConnector.java:"
            + FailsHere.line("GitHubConnector.java", "members"),
        where(report.step("members").orElseThrow().failureLocation()),
        "a NullPointerException on the connector's own line");
    assertEquals(
        "com.acme.github.GitHubConnector.repos GitHubConnector.java:"
            + FailsHere.line("GitHubConnector.java", "repos"),
        where(report.step("repos").orElseThrow().failureLocation()),
        "thrown inside a library: the connector's line that called it");
    assertEquals(
        "com.acme.github.api.GitHubApi.teams GitHubApi.java:"
            + FailsHere.line("api/GitHubApi.java", "teams"),
        where(report.step("teams").orElseThrow().failureLocation()),
        "the connector's own API client, in a package below the connector's");
    assertEquals(
        "com.acme.github.GitHubConnector.token GitHubConnector.java:"
            + FailsHere.line("GitHubConnector.java", "token"),
        where(report.step("token").orElseThrow().failureLocation()),
        "thrown by the runtime's Config: the connector's line that asked");
    assertNull(report.step("orgs").orElseThrow().failureLocation(), "a step that succeeded");

    for (RunEvent.StepFailed failed : events.of(RunEvent.StepFailed.class)) {
      assertEquals(
          report.step(failed.stepId()).orElseThrow().failureLocation(), failed.failureLocation(),
          failed.stepId() + ": the event and the report agree");
    }
    List<RunEvent.StepRetrying> retries = events.of(RunEvent.StepRetrying.class);
    assertEquals(1, retries.size());
    assertEquals(
        "com.acme.github.api.GitHubApi.teams GitHubApi.java:"
            + FailsHere.line("api/GitHubApi.java", "teams"),
        where(retries.get(0).failureLocation()),
        "a retried attempt's failure says where too");
  }
}
