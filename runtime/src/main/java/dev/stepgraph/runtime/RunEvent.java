package dev.stepgraph.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened during a run, in the order a {@link RunListener} sees it: {@link
 * RunStarted}, then per wave {@link WaveStarted} followed by the events of its steps, then {@link
 * RunFinished}.
 */
public sealed interface RunEvent {

  /** When it happened. */
  Instant time();

  /** The run started. */
  record RunStarted(Instant time, String connectorId, int stepCount, int waveCount)
      implements RunEvent {
    public RunStarted {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(connectorId, "connectorId");
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

  /** A step succeeded; what it emitted was committed. */
  record StepCompleted(
      Instant time,
      String stepId,
      Duration duration,
      Map<String, Integer> entityCounts,
      int relationshipCount)
      implements RunEvent {
    public StepCompleted {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(duration, "duration");
      entityCounts = Collections.unmodifiableMap(new LinkedHashMap<>(entityCounts));
    }
  }

  /** A step failed; what it emitted was discarded. */
  record StepFailed(Instant time, String stepId, Duration duration, Throwable error)
      implements RunEvent {
    public StepFailed {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(error, "error");
    }

    /** The error as one line: {@code SimpleName: message}. */
    public String errorSummary() {
      return Errors.summary(error);
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
   * The run finished.
   *
   * @param counts how many steps ended with each status (every status present, zero included)
   * @param cancelled whether the run was cancelled
   */
  record RunFinished(
      Instant time, Map<StepStatus, Integer> counts, Duration duration, boolean cancelled)
      implements RunEvent {
    public RunFinished {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(duration, "duration");
      Map<StepStatus, Integer> all = new EnumMap<>(StepStatus.class);
      for (StepStatus status : StepStatus.values()) {
        all.put(status, counts.getOrDefault(status, 0));
      }
      counts = Collections.unmodifiableMap(all);
    }

    /** How many steps ended with this status. */
    public int count(StepStatus status) {
      return counts.get(status);
    }
  }
}
