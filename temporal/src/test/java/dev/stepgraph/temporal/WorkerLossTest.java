package dev.stepgraph.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A worker lost in the middle of a step (it stops heartbeating, as one that died does) is not the
 * step's failure: the workflow runs the step again, on whichever worker polls next, even when the
 * step has no retries of its own. The activity here is a stand-in whose first attempt goes silent.
 */
class WorkerLossTest {

  @Test
  void aStepWithoutRetriesWhoseWorkerIsLostRunsAgainAndSucceeds() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch end = new CountDownLatch(1);
    StepActivity silentFirst =
        task -> {
          if (calls.incrementAndGet() == 1) {
            try {
              end.await(1, TimeUnit.MINUTES); // no heartbeat: the service gives the attempt up
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return new Ended(task.stepId(), "SUCCEEDED", 1, null, 0, null, Map.of(), 0, null, null,
              null);
        };
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    try {
      Worker worker = env.newWorker("loss");
      worker.registerWorkflowImplementationTypes(GraphWorkflowImpl.class);
      worker.registerActivitiesImplementations(silentFirst);
      env.start();
      GraphWorkflow workflow =
          env.getWorkflowClient()
              .newWorkflowStub(
                  GraphWorkflow.class,
                  WorkflowOptions.newBuilder().setTaskQueue("loss").setWorkflowId("loss-1").build());
      StepSpec groups = new StepSpec("groups", 0, List.of(), 0, 1, 0, 1.0, 0, true);

      List<Ended> ended =
          workflow.run(
              new GraphInput("loss", "r1", 1, false, List.of(groups), List.of("groups"), Map.of(),
                  "loss"));

      assertEquals(2, calls.get(), "the step ran again after its worker went silent");
      assertEquals(1, ended.size(), ended.toString());
      assertEquals("SUCCEEDED", ended.get(0).status(), ended.toString());
    } finally {
      end.countDown();
      env.close();
    }
  }
}
