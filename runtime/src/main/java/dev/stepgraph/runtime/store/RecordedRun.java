package dev.stepgraph.runtime.store;

import dev.stepgraph.runtime.run.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A run as its manifest records it: its sessions (the first start and every resume) and every
 * step record, in the order they were recorded.
 *
 * @param connectorId the connector
 * @param runId the run id
 * @param sessions the sessions, in order; never empty
 * @param records every step record, in the order recorded (a step that ran again has several)
 */
public record RecordedRun(
    String connectorId, String runId, List<Session> sessions, List<StepRecord> records) {

  public RecordedRun {
    Objects.requireNonNull(connectorId, "connectorId");
    Objects.requireNonNull(runId, "runId");
    sessions = List.copyOf(sessions);
    records = List.copyOf(records);
    if (sessions.isEmpty()) {
      throw new IllegalArgumentException("run '" + runId + "' has no session");
    }
  }

  /**
   * One start of a run: the first, or a resume.
   *
   * @param number from 1
   * @param started when it started
   * @param ended when it ended, or null if its process stopped first (killed, a crash) or it is
   *     still running
   * @param cancelled whether it was cancelled (Ctrl-C)
   * @param process the id of the process that ran it
   * @param selected the steps it was asked to run ({@code --step}); empty for all
   * @param fingerprints the fingerprints of the graph's steps when it started, by step id
   */
  public record Session(
      int number,
      Instant started,
      @Nullable Instant ended,
      boolean cancelled,
      long process,
      List<String> selected,
      Map<String, String> fingerprints) {
    public Session {
      Objects.requireNonNull(started, "started");
      selected = List.copyOf(selected);
      fingerprints = Collections.unmodifiableMap(new LinkedHashMap<>(fingerprints));
    }

    /** A copy that ended at {@code time}. */
    public Session endedAt(Instant time, boolean wasCancelled) {
      return new Session(number, started, time, wasCancelled, process, selected, fingerprints);
    }

    /** A copy with these fingerprints. */
    public Session withFingerprints(Map<String, String> stepFingerprints) {
      return new Session(number, started, ended, cancelled, process, selected, stepFingerprints);
    }
  }

  /** The latest record of each step, by step id, in the order the steps were first recorded. */
  public Map<String, StepRecord> steps() {
    Map<String, StepRecord> latest = new LinkedHashMap<>();
    for (StepRecord record : records) {
      latest.put(record.stepId(), record);
    }
    return Collections.unmodifiableMap(latest);
  }

  /** The latest record of the step, if it was recorded. */
  public Optional<StepRecord> step(String stepId) {
    for (int i = records.size() - 1; i >= 0; i--) {
      if (records.get(i).stepId().equals(stepId)) {
        return Optional.of(records.get(i));
      }
    }
    return Optional.empty();
  }

  /** When the run first started. */
  public Instant started() {
    return sessions.get(0).started();
  }

  /** The last session. */
  public Session lastSession() {
    return sessions.get(sessions.size() - 1);
  }

  /** How long its sessions ran, those that ended. */
  public Duration duration() {
    Duration total = Duration.ZERO;
    for (Session session : sessions) {
      if (session.ended() != null) {
        total = total.plus(Duration.between(session.started(), session.ended()));
      }
    }
    return total;
  }

  /** How many steps' latest record has each status (every status present, zero included). */
  public Map<StepStatus, Integer> counts() {
    Map<StepStatus, Integer> counts = new EnumMap<>(StepStatus.class);
    for (StepStatus status : StepStatus.values()) {
      counts.put(status, 0);
    }
    for (StepRecord record : steps().values()) {
      counts.merge(record.status(), 1, Integer::sum);
    }
    return Collections.unmodifiableMap(counts);
  }
}
