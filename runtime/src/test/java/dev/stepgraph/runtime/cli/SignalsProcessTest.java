package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SIGINT and SIGTERM sent to a real process. */
@Timeout(120)
class SignalsProcessTest {
  @TempDir Path tmp;

  private void stopsInOrder(String signal, int expectedExit) throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Path output = out.resolve("out.jsonl");
    CliProcess process =
        new CliProcess(tmp.resolve("run"), "stuck", "entities=1")
            .args("--output", output.toString())
            .start();
    process.awaitMarker("stuck");

    if (signal.equals("TERM")) {
      process.process().destroy(); // SIGTERM
    } else {
      process.kill(signal);
    }
    int exit = process.waitFor();

    String err = process.stderr();
    assertEquals(expectedExit, exit, err);
    // Nothing about System.exit: a signal is not a step's call.
    assertEquals(
        "Run stuck <run>: 2 steps in 2 waves\n"
            + "Wave 0 (sequential): users\n"
            + "  users: completed in <t>, 1 user\n"
            + "Wave 1 (sequential): hosts\n"
            + "  hosts: CANCELLED after <t>\n"
            + "Cancelled after <t>: 1 succeeded, 1 cancelled\n"
            + "Wrote 1 entity and 0 relationships to " + output + "\n",
        HumanLines.normalize(err));
    assertEquals(
        List.of("{\"kind\":\"entity\",\"type\":\"user\",\"key\":\"u-0000000\","
            + "\"properties\":{\"name\":\"user number 0\"}}"),
        Files.readAllLines(output));
    assertEquals(List.of(), CliProcess.tempFiles(out));
  }

  @Test
  void sigtermStopsLikeCtrlCAndExitsWith143() throws Exception {
    stopsInOrder("TERM", 143);
  }

  @Test
  void sigintCancelsWritesWhatFinishedAndExitsWith130() throws Exception {
    CliProcess.assumeSigintIsDelivered();
    stopsInOrder("INT", 130);
  }

  @Test
  void afterSigintAResumeReusesTheStepsThatFinishedAndRunsTheRest() throws Exception {
    CliProcess.assumeSigintIsDelivered();
    Path dir = tmp.resolve("resume");
    CliProcess first = new CliProcess(dir, "stuck-once", "entities=1").start();
    first.awaitMarker("stuck");
    first.kill("INT");
    assertEquals(130, first.waitFor(), first.stderr());
    Files.delete(dir.resolve("ran-users"));
    Files.delete(dir.resolve("ran-hosts"));

    CliProcess resumed = new CliProcess(dir, "stuck-once", "entities=1").args("--resume");
    assertEquals(0, resumed.run(), resumed.stderr());

    assertEquals(
        "Run stuck-once <run> (resumed): 2 steps in 2 waves\n"
            + "Wave 0 (sequential): users\n"
            + "  users: reused from run <run>, 1 user\n"
            + "Wave 1 (sequential): hosts\n"
            + "  hosts: completed in <t>, 1 host\n"
            + "Finished in <t>: 1 succeeded, 1 reused\n",
        HumanLines.normalize(resumed.stderr()));
    assertFalse(Files.exists(dir.resolve("ran-users")), "users was recorded before the SIGINT");
    assertTrue(Files.exists(dir.resolve("ran-hosts")));
  }
}
