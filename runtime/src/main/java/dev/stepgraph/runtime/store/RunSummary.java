package dev.stepgraph.runtime.store;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A run of a connector in a store, as {@link RunStore#runs} lists it.
 *
 * @param runId the run id
 * @param started when it first started; for a run whose manifest cannot be read, when the
 *     manifest was last written
 * @param recorded what its manifest records; null if it cannot be read
 * @param problem why it cannot be resumed (its manifest is damaged, or of a newer format); null if
 *     it can
 */
public record RunSummary(
    String runId, Instant started, @Nullable RecordedRun recorded, @Nullable String problem) {
  public RunSummary {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(started, "started");
    if ((recorded == null) == (problem == null)) {
      throw new IllegalArgumentException("a run summary has a record or a problem, not both");
    }
  }

  /** Whether {@code --resume} can continue it. */
  public boolean resumable() {
    return recorded != null;
  }
}
