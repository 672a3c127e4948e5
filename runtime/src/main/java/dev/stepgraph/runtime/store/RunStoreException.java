package dev.stepgraph.runtime.store;

import java.util.Objects;

/**
 * The run store cannot do what was asked; the message is one line that names the run, file or
 * directory at fault. Thrown before any step runs when a run cannot start ({@link
 * Problem#UNWRITABLE}, {@link Problem#LOCKED}, {@link Problem#NOTHING_TO_RESUME}, {@link
 * Problem#RUN_EXISTS}, {@link Problem#DAMAGED_MANIFEST}, {@link Problem#NEWER_FORMAT}); a run whose
 * remote workers do not share its store stops at the first step they refuse ({@link
 * Problem#UNSHARED}); during a run, a step whose recorded data is damaged runs again ({@link Problem#DAMAGED_STEP}) and a write
 * that fails ends the recording, not the run ({@link Problem#WRITE_FAILED}): both are reported as
 * warnings of the run. {@link RunStore#read} and {@link RunReader#read} throw it for a run, or a
 * step's data, that cannot be read.
 */
public final class RunStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Problem {
    /** The store's directory cannot be created or written. */
    UNWRITABLE,
    /** Another run of the same connector is writing to the store (one writer at a time). */
    LOCKED,
    /**
     * A resume, or a {@linkplain RunStore#read read}, was asked for a run that the store does not
     * hold (or for the latest run of a connector it holds none of).
     */
    NOTHING_TO_RESUME,
    /** A new run was given the id of a run the store already holds. */
    RUN_EXISTS,
    /** A run's manifest cannot be read: unreadable, truncated or damaged. */
    DAMAGED_MANIFEST,
    /** A run's manifest is of a newer format than this runtime reads. */
    NEWER_FORMAT,
    /** A step's recorded data is missing, truncated, corrupt or fails its checksum. */
    DAMAGED_STEP,
    /** Writing to the store failed (a full disk, say). */
    WRITE_FAILED,
    /**
     * The workers of a {@linkplain dev.stepgraph.runtime.run.RemoteExecution remote execution}
     * do not see the run in the store: they were given another directory than the runner, or
     * one on storage that is not shared.
     */
    UNSHARED
  }

  private final Problem problem;

  public RunStoreException(Problem problem, String message) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  public RunStoreException(Problem problem, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause, false, false);
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** What went wrong. */
  public Problem problem() {
    return problem;
  }
}
