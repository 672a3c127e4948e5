package dev.stepgraph.runtime.store;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.internal.Errors;
import dev.stepgraph.runtime.run.RemoteFailure;
import dev.stepgraph.runtime.run.RunEvent;
import dev.stepgraph.runtime.run.StepStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The step files of one run of a {@link RunStore#directory directory store}, for the processes
 * that run a run's steps for the process recording it (the workers of a distributed engine): each
 * writes the steps it runs into the run's directory, durably, and hands back a {@link StepFile}
 * reference, and reads the data of upstream steps by reference. Only the recording process holds
 * the store's lock and writes the run's manifest; a worker writes step files only, in the run's
 * {@code steps} directory, each under a name of its own (temporary file, sync, rename, sync of the
 * directory), and a file no record names is removed when the session ends; and the log of each
 * attempt, in the run's {@code logs} directory ({@link #writeLog}), which the recording process
 * reads as the attempt ends, to show it as a local run would.
 */
public final class RunFiles {
  private final Path run;
  private final Path steps;

  private RunFiles(Path run) {
    this.run = run;
    this.steps = run.resolve(DirectoryRunStore.STEPS);
  }

  /**
   * The step files of run {@code runId} of connector {@code connectorId} in the directory store
   * at {@code directory}; nothing is read or created here.
   */
  public static RunFiles of(Path directory, String connectorId, String runId) {
    Objects.requireNonNull(runId, "runId");
    return new RunFiles(
        directory
            .resolve(DirectoryRunStore.safeName(Objects.requireNonNull(connectorId, "connectorId")))
            .resolve(DirectoryRunStore.RUNS)
            .resolve(runId));
  }

  /** The run's directory. */
  public Path directory() {
    return run;
  }

  /**
   * Where one step's data is and what it was when written.
   *
   * @param file the file, relative to its run; null when the step emitted nothing
   * @param entityCounts the entities, by type in order of first emission
   * @param relationshipCount the relationships
   */
  public record StepFile(
      StepRecord.@Nullable DataFile file, Map<String, Integer> entityCounts, int relationshipCount) {
    public StepFile {
      entityCounts =
          entityCounts.isEmpty()
              ? Map.of()
              : Collections.unmodifiableMap(new LinkedHashMap<>(entityCounts));
    }
  }

  /**
   * Writes what one attempt of a step emitted, durably: when this returns the file and its name
   * in the steps directory survive a crash. Each attempt of each session has a file of its own, so
   * an attempt given up for dead that still writes never replaces another's file.
   *
   * @throws RunStoreException {@link RunStoreException.Problem#WRITE_FAILED WRITE_FAILED}, or
   *     {@link RunStoreException.Problem#UNWRITABLE UNWRITABLE} if the run's directory does not
   *     exist (the store is not the one the run is recorded in)
   */
  public StepFile write(
      String stepId,
      int session,
      int attempt,
      List<Entity> entities,
      List<Relationship> relationships) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Entity entity : entities) {
      counts.merge(entity.type(), 1, Integer::sum);
    }
    if (entities.isEmpty() && relationships.isEmpty()) {
      return new StepFile(null, counts, 0);
    }
    if (!Files.isDirectory(steps)) {
      throw new RunStoreException(
          RunStoreException.Problem.UNWRITABLE,
          "the run store holds no directory " + steps + ": is it the store the run is recorded"
              + " in, on storage this process shares?");
    }
    String name =
        DirectoryRunStore.STEPS + "/" + DirectoryRunStore.safeName(stepId) + "." + session + ".a"
            + attempt + ".jsonl";
    try {
      StepRecord.DataFile file =
          StepFiles.write(run.resolve(name), name, entities, relationships);
      Durable.syncDirectory(steps);
      return new StepFile(file, counts, relationships.size());
    } catch (IOException e) {
      throw new RunStoreException(
          RunStoreException.Problem.WRITE_FAILED,
          "cannot write step '" + stepId + "' to " + run.resolve(name) + ": " + Errors.reason(e),
          e);
    }
  }

  /**
   * Reads a step's data back by reference, checked against it (length, checksum, counts).
   *
   * @throws RunStoreException {@link RunStoreException.Problem#DAMAGED_STEP DAMAGED_STEP},
   *     naming the file: it is missing, truncated, corrupt, fails its checksum or lies outside the
   *     run's steps directory
   */
  public StepData read(String stepId, StepFile reference) {
    return StepFiles.readOfRun(run, record(stepId, reference));
  }

  /**
   * What one attempt of a step logged ({@code ctx.log()}), and how it failed if it did: what the
   * process that ran it leaves for the process recording the run, which shows it as the events
   * of a local run.
   *
   * @param attempt the attempt, from 1
   * @param lines what the step logged, in order
   * @param failure why the attempt failed; null if it did not
   * @param failedAt when it failed; null if it did not
   * @param retried whether the failure is retried: another attempt follows
   */
  public record AttemptLog(
      int attempt,
      List<RunEvent.StepLog> lines,
      @Nullable RemoteFailure failure,
      @Nullable Instant failedAt,
      boolean retried) {
    public AttemptLog {
      lines = List.copyOf(lines);
    }
  }

  /**
   * Writes the log of one attempt of a step, in the run's {@code logs} directory, whole or not at
   * all; not synced (a crash may lose a log, never a step's data).
   *
   * @throws RunStoreException {@link RunStoreException.Problem#WRITE_FAILED WRITE_FAILED}
   */
  public void writeLog(String stepId, int session, AttemptLog log) {
    try {
      StepLogs.write(run, stepId, session, log);
    } catch (IOException | RuntimeException e) {
      throw new RunStoreException(
          RunStoreException.Problem.WRITE_FAILED,
          "cannot write the log of step '" + stepId + "' to " + run.resolve(StepLogs.DIRECTORY)
              + ": " + Errors.reason(e),
          e);
    }
  }

  /**
   * The logs of a step's attempts in a session after attempt {@code afterAttempt} (0 for all), in
   * attempt order; none for attempts that logged nothing and did not fail. A log that cannot be
   * read is a warning line in its place, naming the file; this never throws.
   */
  public List<AttemptLog> readLogs(String stepId, int session, int afterAttempt) {
    return StepLogs.read(run, stepId, session, afterAttempt);
  }

  /** Whether attempt {@code attempt} of a step in a session has left its log; never throws. */
  public boolean hasLog(String stepId, int session, int attempt) {
    return StepLogs.exists(run, stepId, session, attempt);
  }

  /** The reference as a record of a succeeded step, for the checks of a recorded file. */
  static StepRecord record(String stepId, StepFile reference) {
    return new StepRecord(
        stepId, 1, StepStatus.SUCCEEDED, "", 1, reference.entityCounts(),
        reference.relationshipCount(), null, null, reference.file());
  }
}
