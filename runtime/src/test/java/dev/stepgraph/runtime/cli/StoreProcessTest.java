package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.store.RunStore;
import dev.stepgraph.runtime.store.RunSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One writer per connector and store, between real processes; a killed one blocks nobody. */
@Timeout(180)
class StoreProcessTest {
  @TempDir Path tmp;

  /** Waits until the store holds a record of the step; fails after a minute. */
  private static void awaitRecorded(Path state, String step) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CliProcess.TIMEOUT_SECONDS);
    while (System.nanoTime() < deadline) {
      List<RunSummary> runs = RunStore.directory(state).runs("stuck");
      if (!runs.isEmpty() && runs.get(0).recorded().step(step).isPresent()) {
        return;
      }
      Thread.sleep(5); // polling the file system; no outcome depends on how long this takes
    }
    throw new AssertionError(step + " was not recorded within " + CliProcess.TIMEOUT_SECONDS + " s");
  }

  @Test
  void aSecondRunFailsAtStartNamingTheRunningRunAndItsProcessAndAKilledOneBlocksNobody()
      throws Exception {
    Path state = tmp.resolve("state");
    CliProcess first =
        new CliProcess(tmp.resolve("first"), "stuck", "entities=1")
            .args("--state", state.toString(), "--run-id", "nightly")
            .start();
    first.awaitMarker("stuck");

    CliProcess second =
        new CliProcess(tmp.resolve("second"), "stuck", "entities=1")
            .args("--state", state.toString());
    assertEquals(2, second.run(), second.stderr());
    assertEquals(
        "error: the run store " + state + " is in use: run nightly (process " + first.pid()
            + ") of stuck is running; one run of a connector writes to a store at a time; wait"
            + " for it to end, or use another store with --state DIR\n",
        second.stderr());
    assertFalse(java.nio.file.Files.exists(tmp.resolve("second/ran-users")), "no step ran");

    awaitRecorded(state, "users");
    first.kill("KILL");
    assertEquals(137, first.waitFor());

    // The lock died with its process; users had finished, so a resume reuses it.
    CliProcess third =
        new CliProcess(tmp.resolve("third"), "stuck", "entities=1")
            .args("runs", "--state", state.toString());
    assertEquals(0, third.run(), third.stderr());
    assertTrue(
        third.stdout().matches("Runs of stuck in \\S+, newest first:\n"
            + "RUN +STARTED +DURATION +STEPS +RESUMABLE\n"
            + "nightly +\\S+ +interrupted +1 succeeded, 1 not run +yes\n"),
        third.stdout());

    CliProcess resumed =
        new CliProcess(tmp.resolve("resumed"), "stuck", "entities=1")
            .args("--state", state.toString(), "--resume");
    resumed.start();
    resumed.awaitMarker("stuck");
    assertFalse(java.nio.file.Files.exists(tmp.resolve("resumed/ran-users")),
        "users was recorded before the kill: it is reused");
    resumed.kill("TERM");
    assertEquals(143, resumed.waitFor());
    assertTrue(resumed.stderr().startsWith("Run stuck nightly (resumed): 2 steps in 2 waves\n"
        + "Wave 0 (sequential): users\n  users: reused from run nightly, 1 user\n"), resumed.stderr());
  }
}
