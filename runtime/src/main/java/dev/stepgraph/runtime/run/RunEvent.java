package dev.stepgraph.runtime.run;

import dev.stepgraph.runtime.StepContext;
import dev.stepgraph.runtime.internal.Errors;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened during a run, in the order a {@link RunListener} sees it: {@link
 * RunStarted}, then per wave {@link WaveStarted} followed by the events of its steps, then {@link
 * RunFinished}. A step that runs has {@link StepStarted}, its {@link StepLog} lines and {@link
 * StepRetrying} events, and ends with one of {@link StepCompleted}, {@link StepFailed}, {@link
 * StepTimedOut}, {@link StepSkipped} or {@link StepCancelled}; a step skipped because a
 * dependency did not succeed has only {@link StepSkipped}. In a resumed run, a step reused from
 * the run store has only {@link StepReused}, and a step the store recorded that runs again is
 * told first by {@link StepRerun} (for an EAGER graph, both come right after {@link RunStarted}).
 */
public sealed interface RunEvent {

  /** When it happened. */
  Instant time();

  /**
   * The run started.
   *
   * @param runId the run's id, {@code 20261201T204512Z-3fa9} unless it was given one
   * @param resumed whether it continues a run recorded in a run store (under the same id)
   */
  record RunStarted(
      Instant time, String connectorId, int stepCount, int waveCount, String runId, boolean resumed)
      implements RunEvent {
    public RunStarted {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(connectorId, "connectorId");
      Objects.requireNonNull(runId, "runId");
    }
  }

  /** A wave started; its steps start now (up to the parallelism). */
  record WaveStarted(Instant time, int index, List<String> stepIds) implements RunEvent {
    public WaveStarted {
      Objects.requireNonNull(time, "time");
      stepIds = List.copyOf(stepIds);
    }
  }

  /** A step started running. */
  record StepStarted(Instant time, String stepId, int wave) implements RunEvent {
    public StepStarted {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(stepId, "stepId");
    }
  }

  /**
   * A step logged a line through {@link StepContext#log()}.
   *
   * @param level the SLF4J level name: {@code ERROR}, {@code WARN}, {@code INFO}, {@code DEBUG}
   */
  record StepLog(Instant time, String stepId, String level, String message) implements RunEvent {
    public StepLog {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * A step succeeded; what its last attempt emitted was committed.
   *
   * @param attempts how many attempts it took, 1 unless retried
   * @param failedDependencies the steps upstream of it that did not succeed: if any, it succeeded on
   *     incomplete upstream data ({@link #partial()}); see {@link StepResult#failedDependencies()}
   */
  record StepCompleted(
      Instant time,
      String stepId,
      Duration duration,
      Map<String, Integer> entityCounts,
      int relationshipCount,
      int attempts,
      Set<String> failedDependencies)
      implements RunEvent {
    public StepCompleted {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(duration, "duration");
      // Most steps of a big graph emit nothing: no map copy for them.
      entityCounts =
          entityCounts.isEmpty()
              ? Collections.emptyMap()
              : Collections.unmodifiableMap(new LinkedHashMap<>(entityCounts));
      failedDependencies =
          failedDependencies.isEmpty()
              ? Set.of()
              : Collections.unmodifiableSet(new LinkedHashSet<>(failedDependencies));
    }

    /** A step whose upstream steps all succeeded. */
    public StepCompleted(
        Instant time,
        String stepId,
        Duration duration,
        Map<String, Integer> entityCounts,
        int relationshipCount,
        int attempts) {
      this(time, stepId, duration, entityCounts, relationshipCount, attempts, Set.of());
    }

    /** Whether it ran on incomplete upstream data: a step upstream of it did not succeed. */
    public boolean partial() {
      return !failedDependencies.isEmpty();
    }

    /** A step that succeeded at its first attempt. */
    public StepCompleted(
        Instant time,
        String stepId,
        Duration duration,
        Map<String, Integer> entityCounts,
        int relationshipCount) {
      this(time, stepId, duration, entityCounts, relationshipCount, 1);
    }
  }

  /**
   * An attempt of a step failed (or timed out) and the step is tried again after {@code delay}.
   * What the failed attempt emitted was discarded.
   *
   * @param attempt the attempt about to start, from 2
   * @param attempts how many attempts the step has in all
   * @param delay the wait before it starts (backoff with jitter)
   * @param error what made the previous attempt fail
   * @param failureLocation where in the connector's code the attempt failed, if known (see {@link
   *     StepResult#failureLocation()})
   */
  record StepRetrying(
      Instant time,
      String stepId,
      int attempt,
      int attempts,
      Duration delay,
      Throwable error,
      @Nullable StackTraceElement failureLocation)
      implements RunEvent {
    public StepRetrying {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(delay, "delay");
      Objects.requireNonNull(error, "error");
    }

    /** A retry whose failure has no known location. */
    public StepRetrying(
        Instant time, String stepId, int attempt, int attempts, Duration delay, Throwable error) {
      this(time, stepId, attempt, attempts, delay, error, null);
    }

    /** The error as one line: {@code SimpleName: message}. */
    public String errorSummary() {
      return Errors.summary(error);
    }
  }

  /**
   * A step failed, after its last attempt; what it emitted was discarded.
   *
   * @param attempts how many attempts it made
   * @param failureLocation where in the connector's code it failed, if known (see {@link
   *     StepResult#failureLocation()})
   */
  record StepFailed(
      Instant time,
      String stepId,
      Duration duration,
      Throwable error,
      int attempts,
      @Nullable StackTraceElement failureLocation)
      implements RunEvent {
    public StepFailed {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(error, "error");
    }

    /** A failure whose location is not known. */
    public StepFailed(Instant time, String stepId, Duration duration, Throwable error, int attempts) {
      this(time, stepId, duration, error, attempts, null);
    }

    /** A step that failed at its only attempt. */
    public StepFailed(Instant time, String stepId, Duration duration, Throwable error) {
      this(time, stepId, duration, error, 1);
    }

    /** The error as one line: {@code SimpleName: message}. */
    public String errorSummary() {
      return Errors.summary(error);
    }

    /** The full stack trace of the error, as {@link Throwable#printStackTrace()} prints it. */
    public String stackTrace() {
      return Errors.stackTrace(error);
    }
  }

  /**
   * The last attempt of a step ran past its timeout: it was interrupted, what it emitted (then and
   * later) was discarded, and the run went on without waiting for it.
   *
   * @param duration how long the step took, every attempt and wait included
   * @param timeout the timeout of one attempt
   * @param attempts how many attempts it made
   */
  record StepTimedOut(
      Instant time, String stepId, Duration duration, Duration timeout, int attempts)
      implements RunEvent {
    public StepTimedOut {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(timeout, "timeout");
    }
  }

  /**
   * A step was skipped: a step it depends on did not succeed and its policy says to skip (it never
   * started), or it called {@link StepContext#skip(String)} (what it emitted was discarded).
   *
   * @param reason why: {@code dependency 'hosts' failed}, or the step's own reason
   */
  record StepSkipped(Instant time, String stepId, String reason) implements RunEvent {
    public StepSkipped {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** A running step was stopped because the run was cancelled; what it emitted was discarded. */
  record StepCancelled(Instant time, String stepId, Duration duration) implements RunEvent {
    public StepCancelled {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(duration, "duration");
    }
  }

  /**
   * A step of a resumed run did not run: what the run store recorded of it in an earlier session
   * of the run was reused, and counts as if it had just been emitted.
   *
   * @param fromRun the run it was recorded in (the run being resumed)
   * @param entityCounts the recorded entities by type, in order of first emission
   * @param relationshipCount the recorded relationships
   * @param skipReason why it was skipped, if it was recorded as skipped; null if it succeeded
   */
  record StepReused(
      Instant time,
      String stepId,
      int wave,
      String fromRun,
      Map<String, Integer> entityCounts,
      int relationshipCount,
      @Nullable String skipReason)
      implements RunEvent {
    public StepReused {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(fromRun, "fromRun");
      entityCounts =
          entityCounts.isEmpty()
              ? Collections.emptyMap()
              : Collections.unmodifiableMap(new LinkedHashMap<>(entityCounts));
    }
  }

  /**
   * A step of a resumed run that the run store recorded as succeeded or skipped runs again, and
   * why.
   *
   * @param fromRun the run it was recorded in
   * @param cause why it is not reused
   * @param detail for {@link Cause#UPSTREAM} the step it depends on that runs again; for {@link
   *     Cause#DAMAGED} what is wrong with its recorded data, naming the file; else empty
   */
  record StepRerun(Instant time, String stepId, String fromRun, Cause cause, String detail)
      implements RunEvent {
    public StepRerun {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(fromRun, "fromRun");
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(detail, "detail");
    }

    /** Why a recorded step runs again. */
    public enum Cause {
      /** Its fingerprint changed: its declaration or code, or that of a step upstream of it. */
      CHANGED,
      /** A step it depends on runs again, so what it would see may differ. */
      UPSTREAM,
      /** Its recorded data is missing, truncated, corrupt or fails its checksum. */
      DAMAGED
    }
  }

  /**
   * The run finished.
   *
   * @param counts how many steps ended with each status (every status present, zero included)
   * @param cancelled whether the run was cancelled
   * @param partial the steps that succeeded on incomplete upstream data ({@link
   *     StepResult#partial()}), in graph order
   */
  record RunFinished(
      Instant time,
      Map<StepStatus, Integer> counts,
      Duration duration,
      boolean cancelled,
      List<String> partial)
      implements RunEvent {
    public RunFinished {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(duration, "duration");
      Map<StepStatus, Integer> all = new EnumMap<>(StepStatus.class);
      for (StepStatus status : StepStatus.values()) {
        all.put(status, counts.getOrDefault(status, 0));
      }
      counts = Collections.unmodifiableMap(all);
      partial = List.copyOf(partial);
    }

    /** A run in which no step succeeded on incomplete upstream data. */
    public RunFinished(
        Instant time, Map<StepStatus, Integer> counts, Duration duration, boolean cancelled) {
      this(time, counts, duration, cancelled, List.of());
    }

    /** How many steps ended with this status. */
    public int count(StepStatus status) {
      return counts.get(status);
    }
  }
}
