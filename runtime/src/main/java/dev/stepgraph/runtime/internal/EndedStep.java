package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.run.StepStatus;
import dev.stepgraph.runtime.store.StepRecord;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * A step's outcome as it was when the step ended, held by the {@link Recorder} until its commit:
 * what the step's record is made of, or, for a step that ran elsewhere, the record itself.
 *
 * @param file the step's file being written, if it emitted anything
 * @param ready the record of a step that ran elsewhere; null for one that ran here
 */
record EndedStep(
    StepDefinition step,
    String fingerprint,
    StepStatus status,
    int attempts,
    @Nullable String skipReason,
    @Nullable String errorType,
    @Nullable StepEmissions output,
    @Nullable CompletableFuture<StepRecord.DataFile> file,
    @Nullable StepRecord ready) {

  /**
   * The step's record in session {@code session}, once its file, if it has one, is written.
   *
   * @throws RuntimeException what writing the file threw
   */
  StepRecord record(int session) {
    if (ready != null) {
      return ready;
    }
    Map<String, Integer> counts = Map.of();
    int relationships = 0;
    if (output != null) {
      counts = output.entityCounts();
      relationships = output.relationships.size();
    }
    StepRecord.DataFile written = null;
    if (file != null) {
      try {
        written = file.join();
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        throw cause instanceof RuntimeException runtime ? runtime : e;
      }
    }
    return new StepRecord(step.id(), session, status, fingerprint, attempts, counts,
        relationships, skipReason, errorType, written);
  }
}
