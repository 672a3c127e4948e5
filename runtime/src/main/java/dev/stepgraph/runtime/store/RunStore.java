package dev.stepgraph.runtime.store;

import java.nio.file.Path;
import java.util.Optional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where runs are recorded, so that a later run can resume one: each step that finished, with what
 * it emitted, durably, as soon as it finishes. {@code ConnectorRunner.builder(graph).store(store)}
 * records a run; {@code .resume(runId)} or {@code .resumeLatest()} continues one, reusing the
 * steps it recorded as succeeded or skipped whose fingerprint is unchanged.
 *
 * <p>One run of a connector writes to a store at a time: {@link #create} and {@link #resume} take
 * the connector's lock, held by the {@link RunRecording} until it is closed, and fail with {@link
 * RunStoreException.Problem#LOCKED} while another holds it. {@link #runs} and {@link #read} take
 * no lock: they read while a run writes. Nothing from a run's configuration is written to a
 * store.
 *
 * <p>{@link #directory(Path)} is the embedded store, a directory on the local file system; another
 * kind (object storage, a database) implements this interface, {@link RunRecording} and {@link
 * RunReader}.
 */
public interface RunStore {

  /**
   * The directory of a {@link #directory(Path) directory store}, which other processes can open
   * with {@link RunFiles}; empty for a store of another kind.
   */
  default Optional<Path> location() {
    return Optional.empty();
  }

  /** How many runs per connector {@link #directory(Path)} keeps. */
  int DEFAULT_KEEP_RUNS = 10;

  /**
   * The store in this directory (created when first written), keeping the last {@value
   * #DEFAULT_KEEP_RUNS} runs of each connector. Its layout:
   *
   * <pre>
   * DIRECTORY/
   *   CONNECTOR/                      one directory per connector id
   *     lock                          locked by the run writing (an OS file lock: it dies with its
   *                                   process); tells that run's process and id
   *     runs/
   *       RUN_ID/
   *         manifest.jsonl            the run's manifest: JSON Lines, appended as steps finish
   *         steps/STEP.SESSION.jsonl  what a step emitted, in the JSON Lines format of --output
   *         steps/STEP.SESSION.aN.jsonl the same, written by a worker for attempt N ({@link
   *                                   RunFiles})
   * </pre>
   *
   * A step file is written to a temporary file in the same directory, flushed and synced, and
   * renamed into place, and the directory is synced; only then is the step's record appended to
   * the manifest, which is synced in turn: a step counts as recorded once its data is durable, and
   * a crash at any instant leaves the last consistent state. Steps that finish close together
   * share the manifest's sync (group commit). A step that emitted nothing has no file.
   */
  static RunStore directory(Path directory) {
    return new DirectoryRunStore(directory, DEFAULT_KEEP_RUNS);
  }

  /**
   * The store in this directory, keeping the last {@code keepRuns} runs of each connector: older
   * ones are deleted when a run finishes.
   *
   * @throws IllegalArgumentException if {@code keepRuns} is less than 1
   */
  static RunStore directory(Path directory, int keepRuns) {
    return new DirectoryRunStore(directory, keepRuns);
  }

  /**
   * The runs of the connector in the store, newest first. A run whose manifest cannot be read is
   * listed with its problem. Takes no lock.
   *
   * @throws RunStoreException if the store cannot be read
   */
  List<RunSummary> runs(String connectorId);

  /**
   * Reads a recorded run of the connector, without its lock: what the run recorded so far, and
   * each recorded step's data, checked as a resume checks it. It never waits for a run writing to
   * the store, and never holds one up; what that run commits after the manifest was read is not
   * seen.
   *
   * @param runId the run, or null for the latest (the one that started last)
   * @throws RunStoreException {@link RunStoreException.Problem#NOTHING_TO_RESUME
   *     NOTHING_TO_RESUME} for a run the store does not hold (naming the runs it holds), {@link
   *     RunStoreException.Problem#DAMAGED_MANIFEST DAMAGED_MANIFEST}, {@link
   *     RunStoreException.Problem#NEWER_FORMAT NEWER_FORMAT}
   */
  RunReader read(String connectorId, @Nullable String runId);

  /**
   * Starts recording a new run of the connector: takes the connector's lock.
   *
   * @param started when the run starts
   * @param selected the steps the run was asked for ({@code --step}); empty for all
   * @param fingerprints the fingerprints of the steps of the graph it runs, by step id
   * @throws RunStoreException {@link RunStoreException.Problem#LOCKED LOCKED}, {@link
   *     RunStoreException.Problem#UNWRITABLE UNWRITABLE}, {@link
   *     RunStoreException.Problem#RUN_EXISTS RUN_EXISTS}
   */
  RunRecording create(
      String connectorId,
      String runId,
      Instant started,
      List<String> selected,
      Map<String, String> fingerprints);

  /**
   * Continues recording a run of the connector: takes the connector's lock and starts a new
   * session of the run; {@link RunRecording#run()} tells what it recorded before.
   *
   * @param runId the run, or null for the latest (the one that started last)
   * @param fingerprints the fingerprints of the steps of the graph it runs, by step id
   * @throws RunStoreException {@link RunStoreException.Problem#LOCKED LOCKED}, {@link
   *     RunStoreException.Problem#UNWRITABLE UNWRITABLE}, {@link
   *     RunStoreException.Problem#NOTHING_TO_RESUME NOTHING_TO_RESUME}, {@link
   *     RunStoreException.Problem#DAMAGED_MANIFEST DAMAGED_MANIFEST}, {@link
   *     RunStoreException.Problem#NEWER_FORMAT NEWER_FORMAT}
   */
  RunRecording resume(
      String connectorId,
      @Nullable String runId,
      Instant started,
      List<String> selected,
      Map<String, String> fingerprints);
}
