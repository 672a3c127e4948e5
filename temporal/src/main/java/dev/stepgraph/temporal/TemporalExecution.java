package dev.stepgraph.temporal;

import dev.stepgraph.runtime.run.RemoteExecution;
import dev.stepgraph.runtime.run.RemoteOutcome;
import dev.stepgraph.runtime.store.RunStoreException;
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
 * running activities (their workers hear of it at their next heartbeat). A worker that refuses a
 * step because its store does not hold the run stops the run: {@link #execute} cancels the
 * workflow and throws {@link RunStoreException} ({@link RunStoreException.Problem#UNSHARED}).
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
    while (!cancelled && reported.unshared == null) {
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
      reported.checkRunning();
      try {
        result.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // not done yet, or failed: the result is looked at below
      }
    }
    if (reported.unshared == null && cancelled) {
      awaitCancelled(result);
      reported.cancelRest();
      return;
    }
    if (reported.unshared == null) {
      try {
        reported.report(List.of(result.get()));
      } catch (ExecutionException failed) {
        reported.failRest(failed.getCause() == null ? failed : failed.getCause());
      }
    }
    String unshared = reported.unshared;
    if (unshared != null) {
      // A worker that does not see the run in the store refuses every step it is given: the run
      // stops here, as bad input, rather than failing each step in turn.
      cancel();
      awaitCancelled(result);
      throw new RunStoreException(RunStoreException.Problem.UNSHARED, unshared);
    }
  }

  /** Waits a bounded time for a cancelled workflow to end, its steps stopped. */
  private static void awaitCancelled(CompletableFuture<Ended[]> result)
      throws InterruptedException {
    try {
      result.get(CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // cancelled as expected, or it did not end in time: what was reported stands
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
  static final class Reported {
    private final Listener listener;
    private final Set<String> started = new HashSet<>();
    private final Set<String> ended = new HashSet<>();
    private int seen; // the progress events taken so far
    /** Why a worker refused a step for a store that does not hold the run, if one did. */
    @Nullable String unshared;

    Reported(Listener listener) {
      this.listener = listener;
    }

    void report(Progress progress) {
      seen += progress.events().size();
      for (Ended event : progress.events()) {
        if (unshared != null) {
          return;
        }
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
        if (unshared != null) {
          return; // the run stops: what ended after (its dependents' skips) is not recorded
        }
        if (StepFailures.UNSHARED_STORE.equals(end.errorType())) {
          // Not the step's failure: it did not run, and a resume runs it.
          unshared = end.reason() == null ? "a worker's store does not hold the run" : end.reason();
          return;
        }
        if (ended.add(end.stepId())) {
          // A step that started and ended since the last query is first heard of in the
          // workflow's result: it started all the same (a skip by dependency made no attempt).
          if (end.attempts() > 0 && started.add(end.stepId())) {
            listener.started(end.stepId());
          }
          listener.ended(end.stepId(), GraphInputs.outcome(end));
        }
      }
    }

    /** The runner looks at what the running steps' attempts left so far. */
    void checkRunning() {
      if (unshared == null) {
        listener.checkRunning();
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
