package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.store.RunRecording;
import dev.stepgraph.runtime.store.RunStore;
import dev.stepgraph.runtime.store.RunStoreException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A run's id and its session of the run store, opened before anything of the run starts: for a
 * run without a store just its id; with one, the recording that holds the connector's lock until
 * {@link #close()}, of a new run or of the run it resumes.
 */
public final class StoreSession implements AutoCloseable {
  private static final int ID_ATTEMPTS = 5;

  private final String runId;
  private final @Nullable RunRecording recording;
  private final Set<String> selected;

  private StoreSession(String runId, @Nullable RunRecording recording, Set<String> selected) {
    this.runId = runId;
    this.recording = recording;
    this.selected = selected;
  }

  /**
   * Opens the run's session.
   *
   * @param store the store, or null to record nothing
   * @param runId the id of a new run, or null for a generated one
   * @param resume the run to resume, or null
   * @param resumeLatest whether to resume the connector's latest run
   * @param selected the steps the run was asked for ({@code --step}); empty for all
   * @throws RunStoreException if the store cannot start the run; nothing is held then
   */
  public static StoreSession open(
      @Nullable RunStore store,
      @Nullable String runId,
      @Nullable String resume,
      boolean resumeLatest,
      ConnectorGraph graph,
      List<String> selected,
      Instant started) {
    Set<String> steps = new LinkedHashSet<>(selected);
    if (store == null) {
      return new StoreSession(runId != null ? runId : RunIds.generate(started), null, steps);
    }
    if (resume != null || resumeLatest) {
      RunRecording recording =
          store.resume(graph.id(), resume, started, List.copyOf(steps), graph.fingerprints());
      return new StoreSession(recording.run().runId(), recording, steps);
    }
    for (int attempt = 1; ; attempt++) {
      String id = runId != null ? runId : RunIds.generate(started);
      try {
        return new StoreSession(
            id,
            store.create(graph.id(), id, started, List.copyOf(steps), graph.fingerprints()),
            steps);
      } catch (RunStoreException e) {
        // A generated id taken (same second, same suffix): another suffix.
        if (runId != null || e.problem() != RunStoreException.Problem.RUN_EXISTS
            || attempt == ID_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  String runId() {
    return runId;
  }

  /** The number of the run's session in the store, from 1; 1 without a store. */
  int number() {
    return recording == null ? 1 : recording.session();
  }

  /** The recording of the run, or null without a store. */
  @Nullable RunRecording recording() {
    return recording;
  }

  /** Whether the run continues one recorded before. */
  boolean resumed() {
    return recording != null && recording.session() > 1;
  }

  /**
   * The recorder of the run's steps, which records what {@code mask} masks masked: one that
   * records nothing without a store.
   */
  Recorder recorder(ConnectorGraph graph, SecretMask mask) {
    return recording == null ? Recorder.NONE : Recorder.start(recording, graph, mask);
  }

  /** What a resumed run reuses; nothing for a new one. */
  ResumePlan plan(ConnectorGraph graph, EntityKeys keys) {
    RunRecording from = recording;
    return from != null && resumed() ? ResumePlan.of(graph, from, selected, keys) : ResumePlan.NONE;
  }

  /** Releases the store's lock. */
  @Override
  public void close() {
    if (recording != null) {
      recording.close();
    }
  }
}
