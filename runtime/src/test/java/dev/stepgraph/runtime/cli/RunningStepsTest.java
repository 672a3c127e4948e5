package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepgraph.runtime.run.RunEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The running steps, from events that the steps' own threads publish: a step's start and end can
 * come in either order, and the list still tells the steps that started and did not end.
 */
class RunningStepsTest {
  private static RunEvent started(String step) {
    return new RunEvent.StepStarted(Instant.EPOCH, step, 0);
  }

  private static RunEvent skipped(String step) {
    return new RunEvent.StepSkipped(Instant.EPOCH, step, "a dependency failed");
  }

  @Test
  void theStepsThatStartedAndDidNotEndInTheOrderTheyStarted() {
    RunningSteps running = new RunningSteps();

    running.onEvent(started("users"));
    running.onEvent(started("hosts"));
    running.onEvent(started("roles"));
    running.onEvent(skipped("users"));

    assertEquals(List.of("hosts", "roles"), running.now());
  }

  @Test
  void anEndThatArrivesBeforeItsStartLeavesTheStepNotRunning() {
    RunningSteps running = new RunningSteps();

    running.onEvent(skipped("hosts"));
    assertEquals(List.of(), running.now());
    running.onEvent(started("hosts"));

    assertEquals(List.of(), running.now());
  }
}
