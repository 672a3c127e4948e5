package dev.stepgraph.temporal;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a step ended, as the workflow holds it: what an activity returns, what the workflow's query
 * reports, what a step's prior data is read from.
 *
 * @param stepId the step
 * @param status {@code STARTED} (in a {@link Progress} only), {@code SUCCEEDED}, {@code SKIPPED}, {@code FAILED}, {@code TIMED_OUT} or {@code
 *     CANCELLED}
 * @param attempts the attempts it made
 * @param file a succeeded step's file, relative to its run; null if it emitted nothing
 * @param bytes the file's length
 * @param checksum the file's checksum
 * @param entityCounts a succeeded step's entities by type, in order of first emission
 * @param relationships a succeeded step's relationships
 * @param reason the skip reason, or the error's message
 * @param errorType the error's class name, if it failed
 * @param where where in the connector's code it failed: class, method, file and line, separated
 *     by {@code |}
 */
public record Ended(
    String stepId,
    String status,
    int attempts,
    @Nullable String file,
    long bytes,
    @Nullable String checksum,
    Map<String, Integer> entityCounts,
    int relationships,
    @Nullable String reason,
    @Nullable String errorType,
    @Nullable String where) {

  /** The status of a step's start in a {@link Progress}. */
  static final String STARTED = "STARTED";

  static Ended started(String stepId) {
    return new Ended(stepId, STARTED, 0, null, 0, null, Map.of(), 0, null, null, null);
  }

  static Ended skipped(String stepId, String reason, int attempts) {
    return new Ended(stepId, "SKIPPED", attempts, null, 0, null, Map.of(), 0, reason, null, null);
  }

  static Ended failure(
      String stepId,
      String status,
      int attempts,
      String errorType,
      @Nullable String message,
      @Nullable String where) {
    return new Ended(stepId, status, attempts, null, 0, null, Map.of(), 0, message, errorType,
        where);
  }
}
