package dev.stepgraph.runtime.run;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs a run's steps somewhere else (the workers of a distributed engine) for a {@link
 * ConnectorRunner} that keeps everything else of the run: the store's session and lock, the
 * resume plan and its reused steps, the events, the report, the recorded run. Set with {@link
 * ConnectorRunner.Builder#remote}; a runner with a remote execution needs a directory store on
 * storage the workers share, where they write each step's data ({@link
 * dev.stepgraph.runtime.store.RunFiles}) and the runner reads it back by reference.
 *
 * <p>The execution schedules the steps as the graph's schedule says and applies their policies
 * (timeouts, retries, skipping on a dependency's failure with {@link
 * dev.stepgraph.runtime.graph.StepPolicy#dependencySkipReason}); the runner records and reports
 * each step as it is told it ended.
 */
public interface RemoteExecution {

  /**
   * Runs the steps and reports each one's end to {@code listener}, as it ends; returns when every
   * step was reported, or when the execution stopped after {@link #cancel()}. A step not reported
   * did not run.
   *
   * @throws InterruptedException if the calling thread is interrupted (the runner cancels then)
   * @throws dev.stepgraph.runtime.store.RunStoreException of {@link
   *     dev.stepgraph.runtime.store.RunStoreException.Problem#UNSHARED} if a worker does not see
   *     the run in the store, after stopping the execution's steps: the run cannot go on, and the
   *     runner ends it (what had ended recorded) and throws it from {@link ConnectorRunner#run}
   */
  void execute(Run run, Listener listener) throws InterruptedException;

  /**
   * Cancels the execution: its running steps are asked to stop and no other step starts; {@link
   * #execute} returns soon after. Safe from any thread, at any time, more than once.
   */
  void cancel();

  /**
   * One run to execute.
   *
   * @param runId the run's id
   * @param session the session of the run, from 1: a resume is a later session
   * @param store the directory of the run store; step files go to {@code RunFiles.of(store,
   *     graph.id(), runId)}
   * @param graph the graph, with the steps selected for the run
   * @param toRun the steps to run, in the graph's order
   * @param reused the steps the resume reuses, each with how it ended: {@link
   *     RemoteOutcome.Succeeded} with its recorded data, or {@link RemoteOutcome.Skipped}
   */
  record Run(
      String runId,
      int session,
      Path store,
      ConnectorGraph graph,
      List<String> toRun,
      Map<String, RemoteOutcome> reused) {
    public Run {
      toRun = List.copyOf(toRun);
      reused = Map.copyOf(reused);
    }
  }

  /** Hears of the steps of a run as they start and end; called from one thread at a time. */
  interface Listener {
    /** A step started its first attempt. */
    void started(String stepId);

    /** A step ended; once per step. */
    void ended(String stepId, RemoteOutcome outcome);

    /**
     * The execution looked at its progress: the runner shows what the attempts of its running
     * steps have left so far in the store (their log lines, and the retry after each failed
     * attempt), so that a retry is told when it happens, not when the step ends. Called now and
     * then while steps run (an execution that never calls it has them told at each step's end).
     */
    default void checkRunning() {}
  }
}
