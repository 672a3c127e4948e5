package dev.stepgraph.runtime.store;

/**
 * A recorded run, read from a store without its lock ({@link RunStore#read}): what its manifest
 * held when it was read, and each recorded step's entities and relationships, checked as a resume
 * checks them. Reading never blocks a run writing to the store, nor is blocked by one.
 *
 * <p>The manifest is read once, when the reader is made: what a run writing to the store commits
 * later is not seen. A step's data is read when asked for. A run that writes to the store meanwhile
 * may remove a file that its later records no longer need (a step recorded again), or the whole
 * run (retention); {@link #read} then says so.
 */
public interface RunReader {

  /** The run as its manifest recorded it when read: its sessions and every step record. */
  RecordedRun run();

  /**
   * Reads a recorded step's entities and relationships, streaming, checking them against the
   * record (length, checksum, counts). A record without a file has no data.
   *
   * @param record one of {@link #run()}'s records
   * @throws RunStoreException {@link RunStoreException.Problem#DAMAGED_STEP DAMAGED_STEP},
   *     naming the file: it is missing, truncated, corrupt or fails its checksum
   */
  StepData read(StepRecord record);

  /** Where a record's data is, for messages (the directory store: the file's path). */
  String describe(StepRecord.DataFile file);
}
