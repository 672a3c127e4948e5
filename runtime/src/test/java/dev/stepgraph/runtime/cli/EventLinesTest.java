package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.Entity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event lines stay whole and harmless whatever a step's texts and exceptions hold. */
class EventLinesTest {

  /** An exception as a remote client library might build it, whose message cannot be read. */
  static final class UnreadableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public String getMessage() {
      throw new IllegalStateException("no message for you");
    }
  }

  @Test
  void anExceptionWhoseMessageThrowsIsStillReportedAndTheEventStreamGoesOn() {
    ConnectorGraph graph =
        ConnectorGraph.builder("broken", "")
            .step("bad", "", List.of(), 0, ctx -> {
              throw new UnreadableException();
            })
            .step("good", "", List.of(), 0, ctx -> ctx.emit(Entity.of("user", "u-1")))
            .step("later", "", List.of("bad", "good"), 1, ctx -> {})
            .build();
    Terminal terminal = new Terminal();

    assertEquals(1, terminal.run(graph, "--events", "json"));

    List<String> events =
        terminal.out().lines().map(line -> line.replaceAll("\"time\":\"[^\"]+\",", "")
            .replaceAll("\"durationMs\":[0-9]+", "\"durationMs\":0")).toList();
    assertTrue(
        events.stream().anyMatch(e -> e.startsWith(
            "{\"event\":\"step-failed\",\"step\":\"bad\",\"durationMs\":0,\"error\":\"UnreadableException:"
                + " (its getMessage() threw IllegalStateException)\",\"errorType\":"
                + "\"dev.stepgraph.runtime.cli.EventLinesTest$UnreadableException\",\"attempts\":1,\"stackTrace\":"
                + "\"dev.stepgraph.runtime.cli.EventLinesTest$UnreadableException (its stack trace could not be"
                + " printed: IllegalStateException)\\n\\tat dev.stepgraph.runtime.cli.EventLinesTest.lambda$")),
        terminal.out());
    assertTrue(
        events.stream().anyMatch(e -> e.startsWith("{\"event\":\"step-completed\",\"step\":\"later\"")),
        terminal.out());
    assertTrue(
        events.get(events.size() - 1).startsWith("{\"event\":\"run-finished\""), terminal.out());
    assertTrue(
        terminal.err().contains("  bad: FAILED after ")
            && terminal.err().contains(": UnreadableException: (its getMessage() threw"
                + " IllegalStateException)\n"),
        terminal.err());
  }

  /** A full disk, a closed pipe: {@code --events json} cannot write, and the exit code says so. */
  @Test
  void eventsThatCannotBeWrittenToStdoutMakeTheRunExit3AndAreReportedOnce() {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.OutputStream full =
        new java.io.OutputStream() {
          @Override
          public void write(int b) throws java.io.IOException {
            throw new java.io.IOException("No space left on device");
          }
        };
    CliIo io =
        new CliIo(
            new java.io.PrintStream(full, true, java.nio.charset.StandardCharsets.UTF_8),
            new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8),
            java.util.Map.of(),
            handler -> () -> {});

    int exit =
        StepgraphCli.execute(
            new String[] {"--events", "json", "--no-state"}, Graphs::inventory, io);

    String stderr = err.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(3, exit, stderr);
    assertTrue(stderr.contains("Finished in "), stderr);
    assertTrue(
        stderr.contains(
            "warning: listener --events json (standard output) threw UncheckedIOException:"
                + " java.io.IOException: cannot write to standard output (and "),
        stderr);
  }

  @Test
  void controlCharactersFromAStepReachTheTerminalEscaped() {
    String hostile = "\u001b[2J\u001b[31mpwned\u0007 \u202eevil";
    ConnectorGraph graph =
        ConnectorGraph.builder("hostile", "")
            .step("logs", "", List.of(), 0, ctx -> ctx.log().warn("remote said: {}", hostile))
            .step("fails", "", List.of(), 0, ctx -> {
              throw new IllegalStateException("HTTP 500: " + hostile + "\r\nsecond line");
            })
            .step("skips", "", List.of(), 0, ctx -> ctx.skip("nothing new: " + hostile))
            .build();
    Terminal terminal = new Terminal();

    terminal.run(graph);

    String err = terminal.err();
    String escaped = "\\u001B[2J\\u001B[31mpwned\\u0007 \\u202Eevil";
    assertTrue(err.contains("  logs: [WARN] remote said: " + escaped + "\n"), err);
    assertTrue(err.contains(": IllegalStateException: HTTP 500: " + escaped + " second line\n"), err);
    assertTrue(err.contains("  skips: SKIPPED: nothing new: " + escaped + "\n"), err);
    assertFalse(err.chars().anyMatch(c -> c == 0x1b || c == 0x07 || c == 0x202e), err);
  }
}
