package dev.stepgraph.runtime.store;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import java.time.Instant;
import java.util.List;

/**
 * One session of a run being recorded, holding the connector's lock until {@link #close()}: what
 * the runner writes through. The runner calls {@link #write} for several steps at once, from
 * threads of its own; everything else from one thread at a time.
 *
 * <p>A step is recorded in two moves: {@link #write} its entities and relationships (if it
 * emitted any), then {@link #commit} its record, with those of other steps that finished close
 * together. A record is durable when {@code commit} returns, and only then.
 */
public interface RunRecording extends AutoCloseable {

  /**
   * The run as recorded before this session, with this session last: a new run has no records;
   * a resumed one has what its earlier sessions recorded.
   */
  RecordedRun run();

  /** The number of this session, from 1. */
  int session();

  /**
   * Reads a recorded step's entities and relationships back, checking them against the record
   * (length, checksum, counts). A record without a file has no data.
   *
   * @throws RunStoreException {@link RunStoreException.Problem#DAMAGED_STEP DAMAGED_STEP},
   *     naming the file: it is missing, truncated, corrupt or fails its checksum
   */
  StepData read(StepRecord record);

  /**
   * Writes what a step emitted, streaming, and makes it durable; it counts once its record is
   * {@linkplain #commit committed}. Safe to call for different steps at once.
   *
   * @throws RunStoreException {@link RunStoreException.Problem#WRITE_FAILED WRITE_FAILED}
   */
  StepRecord.DataFile write(String stepId, List<Entity> entities, List<Relationship> relationships);

  /**
   * Appends these records to the run's manifest, durably: when this returns, they and the files
   * they name survive a crash.
   *
   * @throws RunStoreException {@link RunStoreException.Problem#WRITE_FAILED WRITE_FAILED}
   */
  void commit(List<StepRecord> records);

  /**
   * Commits these last records, as {@link #commit} does, and ends the session, durably, in one
   * sync; then removes the files that no record needs any more and the runs beyond the store's
   * retention.
   *
   * @param records the records still to commit, if any
   * @throws RunStoreException {@link RunStoreException.Problem#WRITE_FAILED WRITE_FAILED}
   */
  void finish(List<StepRecord> records, Instant ended, boolean cancelled);

  /** Where a record's data is, for messages (the directory store: the file's path). */
  String describe(StepRecord.DataFile file);

  /** Releases the lock; the session stays unfinished unless {@link #finish} was called. */
  @Override
  void close();
}
