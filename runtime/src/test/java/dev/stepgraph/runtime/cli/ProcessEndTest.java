package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a connector's process ends ({@link StepgraphCli#exit}): a command that succeeds returns from
 * {@code main} instead of calling {@code System.exit}, which from JDK 21 on reads every jar of the
 * class path for a logging provider; and a thread that is not a daemon never keeps the process
 * from ending.
 */
class ProcessEndTest {
  @TempDir Path dir;

  /** A process whose class path offers {@link MarkingLoggerFinder}, which marks that it was looked up. */
  private CliProcess process(String name, String graph) throws IOException {
    Path services = Files.createDirectories(dir.resolve("services/META-INF/services"));
    Files.writeString(
        services.resolve("java.lang.System$LoggerFinder"),
        MarkingLoggerFinder.class.getName() + "\n",
        StandardCharsets.UTF_8);
    return new CliProcess(dir.resolve(name), graph)
        .classPathFirst(dir.resolve("services"))
        .jvmOptions("-D" + MarkingLoggerFinder.MARKER + "=" + dir.resolve(name).resolve("logger-finder"));
  }

  @Test
  void aCommandThatSucceedsEndsWithoutSystemExitAndOneThatFailsCallsIt() throws Exception {
    assumeTrue(
        Runtime.version().feature() >= 21,
        "before JDK 21 Runtime.exit looks up no logger: nothing tells the two ends apart");
    CliProcess plan = process("plan", "small").args("plan");
    assertEquals(0, plan.run());
    assertTrue(plan.stdout().startsWith("Wave 0 (sequential): users"), plan.stdout());
    assertFalse(Files.exists(plan.dir.resolve("logger-finder")), "plan called System.exit");

    CliProcess run = process("run", "small").args("run", "--no-state");
    assertEquals(0, run.run());
    assertFalse(Files.exists(run.dir.resolve("logger-finder")), "a run that succeeded called System.exit");

    // The probe itself: a run whose step fails exits 1 through System.exit, which looks it up.
    CliProcess failing = process("failing", "failing").args("run", "--no-state");
    assertEquals(1, failing.run());
    assertTrue(Files.exists(failing.dir.resolve("logger-finder")), "the probe saw no System.exit");
  }

  @Test
  void aThreadThatIsNotADaemonDoesNotKeepASucceededRunAlive() throws Exception {
    CliProcess run = new CliProcess(dir.resolve("stray"), "stray").args("run", "--no-state");
    assertEquals(0, run.run(), "exit code"); // run() fails the test if the process does not end
    assertTrue(Files.exists(run.dir.resolve("stray-started")), "the step did not start its thread");
    assertTrue(run.stderr().contains("Finished in ") && run.stderr().endsWith(": 2 succeeded\n"), run.stderr());
  }
}
