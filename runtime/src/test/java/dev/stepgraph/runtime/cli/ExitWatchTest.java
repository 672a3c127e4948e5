package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stepgraph.runtime.run.RunEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What stderr says of a {@code System.exit} call. The process tests make real calls, from a step,
 * on JDK 17's platform threads and JDK 21+'s virtual ones ({@code RunProcessTest}).
 */
class ExitWatchTest {

  @Test
  void aStepsCallNamesTheStepAndTheStepsThatWereRunning() {
    assertEquals(
        "the JVM was asked to exit (System.exit in step 'export') while steps were running:"
            + " export, hosts; they are stopped as on Ctrl-C",
        ExitWatch.describe(
            new ExitWatch.Exit("stepgraph-export", "export"), List.of("export", "hosts")));
  }

  @Test
  void anotherThreadsCallNamesTheThread() {
    assertEquals(
        "the JVM was asked to exit (System.exit in thread 'pool-1-thread-2'); they are stopped as"
            + " on Ctrl-C",
        ExitWatch.describe(new ExitWatch.Exit("pool-1-thread-2", null), List.of()));
  }

  @Test
  void noCallWhileNoThreadIsInRuntimeExit() {
    RunningSteps running = new RunningSteps();
    running.onEvent(new RunEvent.StepStarted(Instant.EPOCH, "hosts", 0));

    assertNull(ExitWatch.exitCall(running));
    assertEquals(List.of("hosts"), running.now());
  }
}
