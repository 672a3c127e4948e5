package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.run.RemoteExecution;
import dev.stepgraph.runtime.run.RemoteFailure;
import dev.stepgraph.runtime.run.RemoteOutcome;
import dev.stepgraph.runtime.run.RunEvent;
import dev.stepgraph.runtime.run.RunReport;
import dev.stepgraph.runtime.run.StepResult;
import dev.stepgraph.runtime.run.StepStatus;
import dev.stepgraph.runtime.store.RunFiles;
import dev.stepgraph.runtime.store.RunRecording;
import dev.stepgraph.runtime.store.RunStoreException;
import dev.stepgraph.runtime.store.StepData;
import dev.stepgraph.runtime.store.StepRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run whose steps a {@link RemoteExecution} runs: the local run keeps its lifecycle (start,
 * resume plan, reused steps, the end and the report, from the {@link RunScheduler}) and turns
 * each step's reported start and end into the events, records and results of a local run ({@link
 * ReplayedStep}). What a succeeded step emitted is read back from the file its worker wrote, for
 * the report.
 */
final class RemoteReplay implements RemoteExecution.Listener {
  private final ConnectorGraph graph;
  private final RunContext context;
  private final RunScheduler scheduler;
  private final RemoteExecution remote;
  private final StoreSession session;
  private final Path store;
  private final Map<String, Integer> waveOf = new HashMap<>();
  private final Map<String, Long> startedAt = new HashMap<>();
  private final Map<String, StepResult> ended = new HashMap<>();
  /** The attempts whose logs were shown, by step: a log is shown once, in attempt order. */
  private final Map<String, Integer> shownAttempts = new HashMap<>();
  private final UpstreamFailures upstream;
  private int wavesAnnounced;

  RemoteReplay(
      ConnectorGraph graph,
      RunContext context,
      RunScheduler scheduler,
      RemoteExecution remote,
      StoreSession session,
      Path store) {
    this.graph = graph;
    this.context = context;
    this.scheduler = scheduler;
    this.remote = remote;
    this.session = session;
    this.store = store;
    this.upstream = new UpstreamFailures(graph);
    List<List<StepDefinition>> waves = graph.waves();
    for (int i = 0; i < waves.size(); i++) {
      for (StepDefinition step : waves.get(i)) {
        waveOf.put(step.id(), i);
      }
    }
  }

  RunReport run() {
    long start = System.nanoTime();
    ResumePlan plan = scheduler.start();
    List<String> toRun = new ArrayList<>();
    Map<String, RemoteOutcome> reused = new LinkedHashMap<>();
    for (StepDefinition step : graph.steps()) {
      ResumePlan.Reused recorded = plan.reused(step.id());
      if (recorded == null) {
        toRun.add(step.id());
        RunEvent.StepRerun rerun = plan.rerun(context.clock().instant(), step.id());
        if (rerun != null) {
          context.publish(rerun);
        }
        continue;
      }
      context.publish(plan.event(context.clock().instant(), step.id(), waveOf.get(step.id())));
      StepRecord record = recorded.record();
      reused.put(
          step.id(),
          record.skipReason() != null
              ? new RemoteOutcome.Skipped(record.skipReason(), record.attempts())
              : new RemoteOutcome.Succeeded(
                  new RunFiles.StepFile(
                      record.file(), record.entityCounts(), record.relationshipCount()),
                  record.attempts()));
      upstream.ended(step.id(), recorded.endedAs());
    }
    boolean interrupted = false;
    if (!scheduler.cancelled()) {
      try {
        remote.execute(
            new RemoteExecution.Run(
                session.runId(), session.number(), store, graph, toRun, reused),
            this);
      } catch (InterruptedException e) {
        interrupted = true;
        remote.cancel();
      } catch (RunStoreException unshared) {
        remote.cancel();
        throw scheduler.abandon(unshared);
      }
    }
    List<StepResult> results = new ArrayList<>(graph.steps().size());
    List<List<StepDefinition>> waves = graph.waves();
    synchronized (this) {
      for (int index = 0; index < waves.size(); index++) {
        for (StepDefinition step : waves.get(index)) {
          ResumePlan.Reused recorded = plan.reused(step.id());
          StepResult result = recorded != null ? recorded.result(step, index) : ended.get(step.id());
          results.add(result != null ? result : notRun(step.id(), index));
        }
      }
    }
    return scheduler.finish(start, results, interrupted);
  }

  private static StepResult notRun(String stepId, int wave) {
    return new StepResult(
        stepId, wave, StepStatus.NOT_RUN, Duration.ZERO, Map.of(), 0, null, List.of(), List.of());
  }

  @Override
  public synchronized void started(String stepId) {
    StepDefinition step = known(stepId);
    if (startedAt.putIfAbsent(step.id(), System.nanoTime()) != null) {
      return;
    }
    int wave = announceWave(step.id());
    context.publish(new RunEvent.StepStarted(context.clock().instant(), step.id(), wave));
  }

  @Override
  public synchronized void ended(String stepId, RemoteOutcome outcome) {
    StepDefinition step = known(stepId);
    if (ended.containsKey(step.id())) {
      return;
    }
    int wave = announceWave(step.id());
    Long began = startedAt.get(step.id());
    Duration duration = began == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - began);
    StepResult result = ReplayedStep.result(step, wave, outcome, duration, upstream.of(step),
        this::read);
    ended.put(step.id(), result);
    upstream.ended(step.id(), result.status());
    publishAttempts(step);
    context.publish(ReplayedStep.event(context.clock().instant(), step, result));
    RunFiles.StepFile data =
        outcome instanceof RemoteOutcome.Succeeded succeeded && result.status() == StepStatus.SUCCEEDED
            ? succeeded.data()
            : null;
    context.recorder().endedRemotely(
        step, result.status(), result.attempts(),
        result.status() == StepStatus.SKIPPED ? result.skipReason() : null,
        result.error() == null ? null : Errors.className(result.error()),
        data == null ? Map.of() : data.entityCounts(),
        data == null ? 0 : data.relationshipCount(),
        data == null ? null : data.file());
  }

  /**
   * Publishes what the step's attempts logged, and a retry after each attempt whose failure was
   * retried, from the logs its workers left in the run's directory, each attempt once: as the
   * execution checks its running steps ({@link #checkRunning}), and what is left when the step
   * ends, before its end.
   */
  private void publishAttempts(StepDefinition step) {
    RunFiles files = RunFiles.of(store, graph.id(), session.runId());
    int shown = shownAttempts.getOrDefault(step.id(), 0);
    for (RunFiles.AttemptLog log : files.readLogs(step.id(), session.number(), shown)) {
      shownAttempts.put(step.id(), log.attempt());
      for (RunEvent.StepLog line : log.lines()) {
        context.publish(line);
      }
      RemoteFailure failure = log.failure();
      if (failure != null && log.retried()) {
        var retry = step.policy().retry();
        context.publish(
            new RunEvent.StepRetrying(
                log.failedAt() != null ? log.failedAt() : context.clock().instant(), step.id(),
                log.attempt() + 1, Math.max(retry.attempts(), log.attempt() + 1),
                retry.delayAfter(log.attempt()), error(failure), failure.where()));
      }
    }
  }

  /** Shows what the running steps' attempts have left since the last look, as it happens. */
  @Override
  public synchronized void checkRunning() {
    RunFiles files = RunFiles.of(store, graph.id(), session.runId());
    for (String stepId : startedAt.keySet()) {
      if (!ended.containsKey(stepId)
          && files.hasLog(stepId, session.number(), shownAttempts.getOrDefault(stepId, 0) + 1)) {
        publishAttempts(known(stepId));
      }
    }
  }

  /** Reads a succeeded step's data back from the run's recording. */
  private StepData read(String stepId, RunFiles.StepFile data) {
    RunRecording recording = Objects.requireNonNull(session.recording());
    return recording.read(
        new StepRecord(stepId, session.number(), StepStatus.SUCCEEDED, "", 1, data.entityCounts(),
            data.relationshipCount(), null, null, data.file()));
  }

  private StepDefinition known(String stepId) {
    StepDefinition step = graph.step(stepId);
    if (step == null || !waveOf.containsKey(stepId)) {
      throw new IllegalArgumentException("the run has no step '" + stepId + "'");
    }
    return step;
  }

  /** Publishes the start of the step's wave, and of those before it, if not published yet. */
  private int announceWave(String stepId) {
    int wave = waveOf.get(stepId);
    if (graph.schedule() != dev.stepgraph.Schedule.EAGER) {
      while (wavesAnnounced <= wave) {
        context.publish(
            new RunEvent.WaveStarted(
                context.clock().instant(), wavesAnnounced, graph.waveStepIds(wavesAnnounced)));
        wavesAnnounced++;
      }
    }
    return wave;
  }

  /** A remote failure as an error of the reported class, with the frame it failed in. */
  static Throwable error(RemoteFailure failure) {
    String type = failure.type();
    String simple = type.substring(type.lastIndexOf('.') + 1);
    simple = simple.substring(simple.lastIndexOf('$') + 1);
    MaskedThrowable error = new MaskedThrowable(type, simple, failure.message());
    StackTraceElement where = failure.where();
    error.setStackTrace(where == null ? new StackTraceElement[0] : new StackTraceElement[] {where});
    return error;
  }
}
