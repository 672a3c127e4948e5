package dev.stepgraph.runtime.store;

import dev.stepgraph.runtime.internal.Errors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A recorded run of a {@link DirectoryRunStore}, read without the connector's lock. Safe beside a
 * writer: a manifest is only ever appended to (a last line without its newline, an append still
 * being written, is left out as a crash's would be), and a step file takes its name, whole, before
 * any record names it.
 */
final class DirectoryRunReader implements RunReader {
  private final Path run;
  private final RecordedRun recorded;

  private DirectoryRunReader(Path run, RecordedRun recorded) {
    this.run = run;
    this.recorded = recorded;
  }

  /**
   * Reads the manifest of a run of the connector: the one named, or the latest.
   *
   * @throws RunStoreException NOTHING_TO_RESUME for a run the store does not hold (naming those
   *     it holds), DAMAGED_MANIFEST, NEWER_FORMAT
   */
  static DirectoryRunReader open(DirectoryRunStore store, String connectorId, @Nullable String runId) {
    Path runs = store.connectorDirectory(connectorId).resolve(DirectoryRunStore.RUNS);
    List<String> ids = new ArrayList<>();
    for (RunListing.Start start : RunListing.starts(runs)) {
      ids.add(start.runId());
    }
    String chosen = runId == null ? (ids.isEmpty() ? null : ids.get(0)) : (ids.contains(runId) ? runId : null);
    if (chosen == null) {
      throw noSuchRun(store, connectorId, runId, ids);
    }
    Path run = runs.resolve(chosen);
    Path manifest = run.resolve(Manifest.FILE);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(manifest);
    } catch (NoSuchFileException e) {
      ids.remove(chosen); // removed by retention since it was listed
      throw noSuchRun(store, connectorId, chosen, ids);
    } catch (IOException e) {
      throw new RunStoreException(
          RunStoreException.Problem.DAMAGED_MANIFEST,
          "cannot read run " + chosen + ": cannot read " + manifest + ": " + Errors.reason(e)
              + "; make it readable, or record the run again",
          e);
    }
    try {
      return new DirectoryRunReader(run, ManifestReader.read(bytes, manifest.toString()).run());
    } catch (ManifestReader.Unreadable e) {
      throw new RunStoreException(
          e.problem,
          "cannot read run " + chosen + ": " + e.getMessage()
              + (e.problem == RunStoreException.Problem.NEWER_FORMAT
                  ? "; read it with a newer Stepgraph, or record the run again"
                  : "; record the run again"));
    }
  }

  private static RunStoreException noSuchRun(
      DirectoryRunStore store, String connectorId, @Nullable String runId, List<String> ids) {
    return new RunStoreException(
        RunStoreException.Problem.NOTHING_TO_RESUME,
        runId == null
            ? "the run store " + store.shown() + " holds no run of " + connectorId
            : store.noSuchRun(connectorId, runId, ids));
  }

  @Override
  public RecordedRun run() {
    return recorded;
  }

  @Override
  public String describe(StepRecord.DataFile file) {
    return run.resolve(file.name()).toString();
  }

  @Override
  public StepData read(StepRecord record) {
    try {
      return StepFiles.readOfRun(run, record);
    } catch (RunStoreException e) {
      String why = missing(record) ? whyMissing(record) : null;
      if (why == null) {
        throw e;
      }
      throw new RunStoreException(RunStoreException.Problem.DAMAGED_STEP, e.getMessage() + ": " + why, e);
    }
  }

  private boolean missing(StepRecord record) {
    StepRecord.DataFile file = record.file();
    return file != null && !Files.exists(run.resolve(file.name()));
  }

  /** Why a step file went missing after the manifest was read, if a writer removed it. */
  private @Nullable String whyMissing(StepRecord record) {
    Path manifest = run.resolve(Manifest.FILE);
    if (!Files.exists(manifest)) {
      return "run " + recorded.runId() + " was removed from the store after it was read (the store"
          + " keeps the last runs of each connector)";
    }
    Optional<StepRecord> latest;
    try {
      latest = ManifestReader.read(Files.readAllBytes(manifest), manifest.toString()).run().step(record.stepId());
    } catch (IOException | ManifestReader.Unreadable e) {
      return null;
    }
    return latest.isPresent() && !latest.get().equals(record)
        ? "step '" + record.stepId() + "' was recorded again after run " + recorded.runId()
            + " was read; read the run again"
        : null;
  }

  @Override
  public String toString() {
    return "RunReader[" + run + "]";
  }
}
