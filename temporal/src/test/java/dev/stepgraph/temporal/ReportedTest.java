package dev.stepgraph.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepgraph.runtime.run.RemoteExecution;
import dev.stepgraph.runtime.run.RemoteOutcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the client tells its runner of a workflow's progress: each step once, and nothing from the
 * refusal of a worker whose store does not hold the run onwards, not even in the same answer (the
 * skip of the refused step's dependent would otherwise be recorded, and a resume reuse it).
 */
class ReportedTest {
  private final List<String> told = new ArrayList<>();

  private final RemoteExecution.Listener listener =
      new RemoteExecution.Listener() {
        @Override
        public void started(String stepId) {
          told.add("started " + stepId);
        }

        @Override
        public void ended(String stepId, RemoteOutcome outcome) {
          told.add("ended " + stepId);
        }
      };

  @Test
  void eachStepIsToldOnce() {
    TemporalExecution.Reported reported = new TemporalExecution.Reported(listener);
    reported.report(new Progress(List.of(Ended.started("users"), Ended.started("users")), false));
    reported.report(new Progress(List.of(Ended.skipped("users", "no", 1)), false));
    reported.report(List.of(Ended.skipped("users", "no", 1)));

    assertEquals(List.of("started users", "ended users"), told);
  }

  /**
   * The workflow's result may end steps whose start no progress answer told (they started and
   * ended since the last query): each is told started first, but a skip by dependency, which made
   * no attempt, is not.
   */
  @Test
  void aStepFirstHeardOfInTheResultIsToldStartedFirst() {
    TemporalExecution.Reported reported = new TemporalExecution.Reported(listener);
    reported.report(List.of(Ended.skipped("quiet", "nothing to do", 1),
        Ended.skipped("after", "quiet was skipped", 0)));

    assertEquals(List.of("started quiet", "ended quiet", "ended after"), told);
  }

  @Test
  void nothingAfterARefusalForAnUnsharedStoreIsTold() {
    TemporalExecution.Reported reported = new TemporalExecution.Reported(listener);
    reported.report(
        new Progress(
            List.of(
                Ended.started("users"),
                Ended.failure("users", "FAILED", 1, StepFailures.UNSHARED_STORE, "holds no run",
                    null),
                Ended.skipped("groups", "users failed", 0),
                Ended.started("hosts")),
            false));
    reported.report(List.of(Ended.skipped("roles", "users failed", 0)));

    assertEquals(List.of("started users"), told);
    assertEquals("holds no run", reported.unshared);
  }
}
