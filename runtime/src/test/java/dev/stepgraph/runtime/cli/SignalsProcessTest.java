package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SIGINT and SIGTERM sent to a real process. */
@Timeout(120)
class SignalsProcessTest {
  @TempDir Path tmp;

  private static String normalize(String text) {
    return Pattern.compile("\\d+ ms|\\d+\\.\\d s").matcher(text).replaceAll("<t>");
  }

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

    String err = normalize(process.stderr());
    assertEquals(expectedExit, exit, err);
    assertTrue(err.contains("  hosts: CANCELLED after <t>\n"), err);
    assertTrue(err.contains("Cancelled after <t>: 1 succeeded, 1 cancelled\n"), err);
    assertTrue(err.contains("Wrote 1 entity and 0 relationships to " + output + "\n"), err);
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
}
