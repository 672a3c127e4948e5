package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A command whose standard output fails (closed, a full disk, a reader gone) exits with 3 and says
 * so on stderr, rather than 0 for a plan nobody got.
 */
@Timeout(120)
class StandardOutputTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({
    "plan, the plan",
    "graph, the graph",
    "--help, the help",
    "--version, the version",
  })
  void aFailingStandardOutputIsExitCode3(String command, String what) {
    Terminal terminal = new Terminal().stdoutFails();

    int exit = terminal.run(Graphs.inventory(), command);

    assertEquals("error: cannot write " + what + " to standard output\n", terminal.err());
    assertEquals(3, exit);
  }

  @ParameterizedTest
  @CsvSource({"plan, the plan", "graph, the graph"})
  void aFullDevice(String command, String what) throws Exception {
    CliProcess process =
        new CliProcess(tmp.resolve("run"), "small").args(command).stdoutTo(Path.of("/dev/full"));

    assertEquals(3, process.run(), process.stderr());
    assertEquals("error: cannot write " + what + " to standard output\n", process.stderr());
  }

  @ParameterizedTest
  @CsvSource({"plan, the plan", "graph, the graph"})
  void aClosedStandardOutput(String command, String what) throws Exception {
    CliProcess process = new CliProcess(tmp.resolve("run"), "small").args(command).stdoutClosed();

    assertEquals(3, process.run(), process.stderr());
    assertEquals("error: cannot write " + what + " to standard output\n", process.stderr());
  }

  @Test
  void outputDashToAClosedStandardOutputIsExitCode3() throws Exception {
    CliProcess process =
        new CliProcess(tmp.resolve("run"), "small").args("--output", "-").stdoutClosed();

    assertEquals(3, process.run(), process.stderr());
    assertEquals(
        "error: cannot write --output - (standard output): the write failed; it may have received"
            + " part of the output\n",
        OutputTargetsProcessTest.lastLine(process.stderr()));
  }
}
