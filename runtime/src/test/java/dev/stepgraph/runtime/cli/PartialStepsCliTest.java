package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A step that succeeded although a step upstream of it did not is marked partial: in its human
 * line, in the summary and in the JSON events.
 */
@Timeout(120)
class PartialStepsCliTest {

  /** members fails; collaborators, which reads it, succeeds anyway: it marks every user outside. */
  private static ConnectorGraph github() {
    return ConnectorGraph.builder("github", "")
        .step("members", "", List.of(), 0, ctx -> {
          throw new IllegalStateException("HTTP 502");
        })
        .step("orgs", "", List.of(), 0, ctx -> ctx.emit(Entity.of("org", "acme")))
        .step("collaborators", "", List.of("members", "orgs"), 1,
            ctx -> ctx.emit(Entity.of("user", "u-1").with("outside", true)))
        .step("repos", "", List.of("orgs"), 1, ctx -> ctx.emit(Entity.of("repo", "r-1")))
        .build();
  }

  @Test
  void theHumanLinesNameThePartialStepAndWhatItLacked() {
    Terminal terminal = new Terminal();

    int exit = terminal.run(github());

    assertEquals(1, exit);
    assertEquals(
        "Run github <run>: 4 steps in 2 waves\n"
            + "Wave 0 (parallel): members, orgs\n"
            + "  members: FAILED after <t>: IllegalStateException: HTTP 502\n"
            + "  orgs: completed in <t>, 1 org\n"
            + "Wave 1 (parallel): collaborators, repos\n"
            + "  collaborators: completed in <t>, 1 user (partial: members did not succeed)\n"
            + "  repos: completed in <t>, 1 repo\n"
            + "Finished in <t>: 3 succeeded (1 partial: collaborators), 1 failed\n",
        HumanLines.inStepOrder(terminal.err()));
  }

  @Test
  void theJsonEventsMarkThePartialStep() {
    Terminal terminal = new Terminal();

    terminal.run(github(), "--events", "json");

    List<String> lines = terminal.out().lines().toList();
    String collaborators =
        lines.stream().filter(l -> l.contains("\"step-completed\"") && l.contains("\"collaborators\"")).findFirst().orElseThrow();
    assertTrue(
        collaborators.endsWith(
            "\"entities\":{\"user\":1},\"relationships\":0,\"attempts\":1,\"partial\":true,"
                + "\"failedDependencies\":[\"members\"]}"),
        collaborators);
    String repos =
        lines.stream().filter(l -> l.contains("\"step-completed\"") && l.contains("\"repos\"")).findFirst().orElseThrow();
    assertTrue(repos.endsWith("\"attempts\":1}"), "a step that is not partial says nothing of it: " + repos);
    String finished = lines.get(lines.size() - 1);
    assertTrue(
        finished.endsWith("\"cancelled\":0,\"not_run\":0,\"reused\":0},\"partial\":[\"collaborators\"]}"), finished);
  }

  @Test
  void manyPartialStepsAreCountedPastTheFifth() {
    assertEquals("a, b, c, d, e and 2 more", HumanEvents.names(List.of("a", "b", "c", "d", "e", "f", "g")));
    assertEquals("a, b, c, d, e", HumanEvents.names(List.of("a", "b", "c", "d", "e")));
  }
}
