package dev.stepgraph.temporal;

import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.run.ConnectorRunner;
import dev.stepgraph.runtime.run.RemoteFailure;
import dev.stepgraph.runtime.run.RunEvent;
import dev.stepgraph.runtime.run.RunReport;
import dev.stepgraph.runtime.run.StepResult;
import dev.stepgraph.runtime.run.StepStatus;
import dev.stepgraph.runtime.store.RunFiles;
import dev.stepgraph.runtime.store.RunStoreException;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The {@link StepActivity} of one connector's worker: runs one attempt of a step through the
 * connector's generated graph ({@link OneStep}), heartbeating from a side thread every {@link
 * #HEARTBEAT} while the step's body runs, and writes what the step emitted to the run's step files
 * ({@link RunFiles}). A cancel of the run reaches the step as a local cancel would.
 */
final class StepActivityImpl implements StepActivity {
  /** How often a running step's worker tells the engine it is alive. */
  static final Duration HEARTBEAT = Duration.ofSeconds(1);

  private final ConnectorGraph graph;
  private final Config config;
  private final Path store;
  private final ScheduledExecutorService heartbeats;

  StepActivityImpl(
      ConnectorGraph graph, Config config, Path store, ScheduledExecutorService heartbeats) {
    this.graph = graph;
    this.config = config;
    this.store = store;
    this.heartbeats = heartbeats;
  }

  @Override
  public Ended run(StepTask task) {
    ActivityExecutionContext activity = Activity.getExecutionContext();
    int attempt = activity.getInfo().getAttempt();
    if (!task.connectorId().equals(graph.id())) {
      throw refused(attempt, IllegalStateException.class.getName(),
          "this worker runs connector '" + graph.id() + "', not '" + task.connectorId() + "'");
    }
    StepDefinition step = graph.step(task.stepId());
    if (step == null) {
      throw refused(attempt, IllegalArgumentException.class.getName(),
          "connector '" + graph.id() + "' has no step '" + task.stepId() + "'");
    }
    RunFiles files = RunFiles.of(store, graph.id(), task.runId());
    if (!Files.isDirectory(files.directory())) {
      throw refused(attempt, StepFailures.UNSHARED_STORE,
          "the worker's state directory " + store + " holds no run " + task.runId()
              + ": the client and the workers must share one run store");
    }
    ConnectorRunner runner;
    List<RunEvent.StepLog> logged = Collections.synchronizedList(new ArrayList<>());
    try {
      runner =
          ConnectorRunner.builder(OneStep.graph(graph, step, task.prior(), files))
              .config(config)
              .listener(event -> {
                if (event instanceof RunEvent.StepLog line) {
                  logged.add(line);
                }
              })
              .eventWait(Duration.ofSeconds(1))
              .build();
    } catch (RuntimeException unreadable) {
      throw refused(attempt, unreadable.getClass().getName(), unreadable.getMessage());
    }
    ScheduledFuture<?> beat =
        heartbeats.scheduleAtFixedRate(
            () -> {
              try {
                activity.heartbeat(null);
              } catch (ActivityCompletionException cancelledOrGone) {
                runner.cancel();
              } catch (RuntimeException unreachable) {
                // the service is away for now: the next beat tries again
              }
            },
            0,
            HEARTBEAT.toMillis(),
            TimeUnit.MILLISECONDS);
    RunReport report;
    try {
      report = runner.run();
    } finally {
      beat.cancel(false);
    }
    StepResult result = report.step(step.id()).orElseThrow();
    switch (result.status()) {
      case SUCCEEDED -> {
        log(files, task, attempt, logged, null, false);
        RunFiles.StepFile written =
            files.write(step.id(), task.session(), attempt, result.entities(),
                result.relationships());
        var file = written.file();
        return new Ended(step.id(), StepStatus.SUCCEEDED.name(), attempt,
            file == null ? null : file.name(), file == null ? 0 : file.bytes(),
            file == null ? null : file.checksum(), written.entityCounts(),
            written.relationshipCount(), null, null, null);
      }
      case SKIPPED -> {
        log(files, task, attempt, logged, null, false);
        return Ended.skipped(step.id(), Objects.requireNonNull(result.skipReason()), attempt);
      }
      default -> {
        Throwable error = result.error();
        boolean retryable =
            result.status() != StepStatus.CANCELLED
                && error != null
                && step.policy().retry().retriesOn(error);
        StackTraceElement where = result.failureLocation();
        String type = error == null ? IllegalStateException.class.getName() : result.errorType();
        String message = error == null ? "the step did not run" : error.getMessage();
        log(files, task, attempt, logged,
            result.status() == StepStatus.CANCELLED || result.status() == StepStatus.NOT_RUN
                ? null
                : new RemoteFailure(type, message, attempt, where),
            retryable && attempt < step.policy().retry().attempts());
        throw StepFailures.of(
            result.status() == StepStatus.NOT_RUN ? StepStatus.CANCELLED : result.status(),
            attempt,
            type,
            message,
            where == null ? null : RemoteFailure.frameText(where),
            retryable);
      }
    }
  }

  /**
   * Leaves the attempt's log for the client, if it logged or failed: a log that cannot be written
   * loses the lines, never the step.
   */
  private static void log(
      RunFiles files,
      StepTask task,
      int attempt,
      List<RunEvent.StepLog> lines,
      @Nullable RemoteFailure failure,
      boolean retried) {
    if (lines.isEmpty() && failure == null) {
      return;
    }
    try {
      files.writeLog(task.stepId(), task.session(),
          new RunFiles.AttemptLog(attempt, List.copyOf(lines), failure,
              failure == null ? null : Instant.now(), retried));
    } catch (RunStoreException e) {
      // The lines are lost; the step's outcome is not.
    }
  }

  private static RuntimeException refused(int attempt, String type, String message) {
    return StepFailures.of(StepStatus.FAILED, attempt, type, message, null, false);
  }
}
