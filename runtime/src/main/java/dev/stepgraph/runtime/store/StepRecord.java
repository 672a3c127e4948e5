package dev.stepgraph.runtime.store;

import dev.stepgraph.runtime.run.StepStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one step of a recorded run ended in one session of it (a run's first start, or a resume):
 * a line of the run's manifest. A run's manifest keeps every record, so that it tells the history
 * of each step; the latest decides whether a resume reuses it.
 *
 * @param stepId the step
 * @param session the session it ran in, from 1
 * @param status how it ended: {@link StepStatus#SUCCEEDED}, {@link StepStatus#SKIPPED}, {@link
 *     StepStatus#FAILED}, {@link StepStatus#TIMED_OUT} or {@link StepStatus#CANCELLED}
 * @param fingerprint the step's fingerprint when it ran ({@code ConnectorGraph.fingerprint})
 * @param attempts how many attempts it made in that session
 * @param entityCounts the entities it emitted, by type in order of first emission (succeeded only)
 * @param relationshipCount the relationships it emitted (succeeded only)
 * @param skipReason why it was skipped, if it was
 * @param errorType the class of the error it failed with, if it failed: never the error's message,
 *     which may quote configuration
 * @param file where its entities and relationships are, if it succeeded and emitted any
 */
public record StepRecord(
    String stepId,
    int session,
    StepStatus status,
    String fingerprint,
    int attempts,
    Map<String, Integer> entityCounts,
    int relationshipCount,
    @Nullable String skipReason,
    @Nullable String errorType,
    @Nullable DataFile file) {

  public StepRecord {
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (status == StepStatus.REUSED || status == StepStatus.NOT_RUN) {
      throw new IllegalArgumentException("a step record is not " + status + ": " + stepId);
    }
    entityCounts =
        entityCounts.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(entityCounts));
  }

  /**
   * Where a step's entities and relationships are, in the JSON Lines format of {@code --output},
   * and what they were when written.
   *
   * @param name the file's name, relative to its run (the directory store: {@code
   *     steps/users.1.jsonl})
   * @param bytes its length
   * @param checksum its checksum, {@code crc32c:} and 8 hex digits
   */
  public record DataFile(String name, long bytes, String checksum) {
    public DataFile {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(checksum, "checksum");
    }
  }

  /** Whether a resume may reuse the step: it succeeded or was skipped. */
  public boolean reusable() {
    return status == StepStatus.SUCCEEDED || status == StepStatus.SKIPPED;
  }

  /** How many entities it emitted. */
  public int entityCount() {
    int count = 0;
    for (int n : entityCounts.values()) {
      count += n;
    }
    return count;
  }
}
