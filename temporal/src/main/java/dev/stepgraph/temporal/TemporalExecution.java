package dev.stepgraph.temporal;

import dev.stepgraph.runtime.run.RemoteExecution;
import dev.stepgraph.runtime.run.RemoteOutcome;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@code ConnectorRunner}'s steps on Temporal: starts the {@link GraphWorkflow}, whose
 * workflow tasks this process runs on a task queue of the run's session, and whose steps go to the
 * connector's task queue, where its workers ({@link StepWorker}) poll; follows it to its end.
 *
 * <p>Following: the workflow's {@code progress} query, every {@value #POLL_MILLIS} ms, tells the
 * steps started and ended since the last answer (only those: a query costs what changed, not the
 * size of the graph); the result, waited for at the same time, ends the run. A query
 * rather than signals to the client, which has no endpoint the workers could reach, and one
 * query answers for every step that ended since the last: a step is reported at most that long
 * after it ended, whatever the number of steps. Cancelling cancels the workflow, and with it the
 * running activities (their workers hear of it at their next heartbeat).
 */
public final class TemporalExecution implements RemoteExecution {
  static final long POLL_MILLIS = 100;

  /** How long a cancelled run waits for the workflow to report the steps that stopped. */
  private static final Duration CANCEL_WAIT = Duration.ofSeconds(5);

  private final WorkflowClient client;
  private final String taskQueue;
  private volatile boolean cancelled;
  private volatile @Nullable WorkflowStub workflow;

  public TemporalExecution(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  /** The workflow id of a session of a run. */
  static String workflowId(String connectorId, String runId, int session) {
    return "stepgraph/" + connectorId + "/" + runId + "/" + session;
  }

  @Override
  public void execute(Run run, Listener listener) throws InterruptedException {
    String id = workflowId(run.graph().id(), run.runId(), run.session());
    // The workflow runs here, on a task queue of this session's own: it moves on while the
    // process recording the run lives, and no worker's death strands its workflow tasks.
    WorkerFactory here = WorkerFactory.newInstance(client);
    here.newWorker(id).registerWorkflowImplementationTypes(GraphWorkflowImpl.class);
    here.start();
    try {
      follow(run, listener, id);
    } finally {
      here.shutdownNow();
    }
  }

  private void follow(Run run, Listener listener, String id) throws InterruptedException {
    GraphInput input = GraphInputs.of(run, taskQueue);
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            GraphWorkflow.TYPE,
            WorkflowOptions.newBuilder().setTaskQueue(id).setWorkflowId(id).build());
    if (cancelled) {
      return;
    }
    stub.start(input);
    workflow = stub;
    if (cancelled) {
      stub.cancel();
    }
    Reported reported = new Reported(listener);
    CompletableFuture<Ended[]> result = stub.getResultAsync(Ended[].class);
    while (!cancelled) {
      if (result.isDone()) {
        break;
      }
      Progress progress;
      try {
        progress = stub.query("progress", Progress.class, reported.seen);
      } catch (RuntimeException unanswered) {
        // The worker holding the workflow died, or the service is busy: the engine moves the
        // workflow to another worker, and the next poll asks again; the result ends the run.
        progress = null;
      }
      if (progress != null) {
        reported.report(progress);
      }
      try {
        result.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // not done yet, or failed: the result is looked at below
      }
    }
    if (cancelled) {
      try {
        result.get(CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // cancelled as expected, or it did not end in time: what was reported stands
      }
      reported.cancelRest();
      return;
    }
    try {
      reported.report(List.of(result.get()));
    } catch (ExecutionException failed) {
      reported.failRest(failed.getCause() == null ? failed : failed.getCause());
    }
  }

  @Override
  public void cancel() {
    cancelled = true;
    WorkflowStub stub = workflow;
    if (stub != null) {
      try {
        stub.cancel();
      } catch (RuntimeException closedOrUnreachable) {
        // the workflow ended, or the service is gone: nothing more to cancel
      }
    }
  }

  /** What the runner was told, so that each step is told once. */
  private static final class Reported {
    private final Listener listener;
    private final Set<String> started = new HashSet<>();
    private final Set<String> ended = new HashSet<>();
    private int seen; // the progress events taken so far

    Reported(Listener listener) {
      this.listener = listener;
    }

    void report(Progress progress) {
      seen += progress.events().size();
      for (Ended event : progress.events()) {
        if (event.status().equals(Ended.STARTED)) {
          if (started.add(event.stepId())) {
            listener.started(event.stepId());
          }
        } else {
          report(List.of(event));
        }
      }
    }

    void report(List<Ended> ends) {
      for (Ended end : ends) {
        if (ended.add(end.stepId())) {
          listener.ended(end.stepId(), GraphInputs.outcome(end));
        }
      }
    }

    /** The steps started and not ended were cancelled. */
    void cancelRest() {
      for (String id : started) {
        if (ended.add(id)) {
          listener.ended(id, new RemoteOutcome.Cancelled(1));
        }
      }
    }

    /** The workflow itself failed: the steps started and not ended fail with it. */
    void failRest(Throwable failure) {
      for (String id : started) {
        if (ended.add(id)) {
          listener.ended(id, new RemoteOutcome.Failed(new dev.stepgraph.runtime.run.RemoteFailure(
              failure.getClass().getName(), failure.getMessage(), 1, null)));
        }
      }
    }
  }
}
