package dev.stepgraph.runtime.store;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.internal.Errors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** A session of a run being recorded in a {@link DirectoryRunStore}. */
final class DirectoryRecording implements RunRecording {
  private final DirectoryRunStore store;
  private final StoreLock lock;
  private final Path run;
  private final Path steps;
  private final RecordedRun recorded;
  private final FileChannel manifest;
  private final ManifestLines lines = new ManifestLines();
  /** The file of each step's latest record: the files still needed. */
  private final Map<String, String> latestFiles = new HashMap<>();
  /** What the first sync also syncs: the directories a new run's manifest was created in. */
  private List<Path> unsynced;
  private boolean synced;

  /**
   * Opens the manifest of {@code run} for appending after its first {@code validLength} bytes
   * (what follows is an append a crash cut short, removed).
   */
  DirectoryRecording(
      DirectoryRunStore store,
      StoreLock lock,
      Path run,
      RecordedRun recorded,
      long validLength,
      List<Path> unsyncedDirectories)
      throws IOException {
    this.store = store;
    this.unsynced = unsyncedDirectories;
    this.lock = lock;
    this.run = run;
    this.steps = run.resolve(DirectoryRunStore.STEPS);
    this.recorded = recorded;
    this.manifest = FileChannel.open(run.resolve(Manifest.FILE), StandardOpenOption.WRITE);
    try {
      if (manifest.size() > validLength) {
        manifest.truncate(validLength);
        manifest.force(false);
      }
      manifest.position(validLength);
      Files.createDirectories(steps);
    } catch (IOException | RuntimeException e) {
      manifest.close();
      throw e;
    }
    for (StepRecord record : recorded.steps().values()) {
      if (record.file() != null) {
        latestFiles.put(record.stepId(), record.file().name());
      }
    }
    deleteRemovedRuns(run.getParent());
  }

  /**
   * Appends the start of a resumed session (made durable with the first commit, so that the run
   * starts without waiting for a sync), and removes what no record needs.
   */
  void startSession(RecordedRun.Session session) throws IOException {
    lines.reset();
    Manifest.sessionStarted(lines, session);
    Durable.writeFully(manifest, ByteBuffer.wrap(lines.bytes()));
    removeUnneededFiles();
  }

  @Override
  public RecordedRun run() {
    return recorded;
  }

  @Override
  public int session() {
    return recorded.lastSession().number();
  }

  @Override
  public String describe(StepRecord.DataFile file) {
    return run.resolve(file.name()).toString();
  }

  @Override
  public StepData read(StepRecord record) {
    return StepFiles.readOfRun(run, record);
  }

  @Override
  public StepRecord.DataFile write(
      String stepId, List<Entity> entities, List<Relationship> relationships) {
    String name =
        DirectoryRunStore.STEPS + "/" + DirectoryRunStore.safeName(stepId) + "." + session()
            + ".jsonl";
    try {
      return StepFiles.write(run.resolve(name), name, entities, relationships);
    } catch (IOException | RuntimeException e) {
      throw new RunStoreException(
          RunStoreException.Problem.WRITE_FAILED,
          "cannot record step '" + stepId + "' in " + run + ": " + Errors.reason(e), e);
    }
  }

  @Override
  public void commit(List<StepRecord> records) {
    try {
      lines.reset();
      addRecords(records);
      append();
    } catch (IOException | RuntimeException e) {
      throw new RunStoreException(
          RunStoreException.Problem.WRITE_FAILED,
          "cannot record " + (records.size() == 1 ? "step '" + records.get(0).stepId() + "'"
              : records.size() + " steps") + " in " + run.resolve(Manifest.FILE) + ": "
              + Errors.reason(e), e);
    }
    committed(records);
  }

  /**
   * Adds the records' lines, after syncing the steps directory if a record names a file: the
   * files' names are durable before the records that name them.
   */
  private void addRecords(List<StepRecord> records) throws IOException {
    for (StepRecord record : records) {
      if (record.file() != null) {
        Durable.syncDirectory(steps);
        break;
      }
    }
    Map<String, String> fingerprints = recorded.lastSession().fingerprints();
    for (StepRecord record : records) {
      Manifest.record(lines, record, fingerprints.get(record.stepId()));
    }
  }

  private void committed(List<StepRecord> records) {
    for (StepRecord record : records) {
      if (record.file() != null) {
        latestFiles.put(record.stepId(), record.file().name());
      } else {
        latestFiles.remove(record.stepId());
      }
    }
  }

  /**
   * Appends the lines and syncs the manifest; the first time, the directories of a new run too,
   * so that its manifest's name is durable before any record in it counts.
   */
  private void append() throws IOException {
    if (!synced) {
      for (Path directory : unsynced) {
        Durable.syncDirectory(directory);
      }
      unsynced = List.of();
      synced = true;
    }
    Durable.writeFully(manifest, ByteBuffer.wrap(lines.bytes()));
    manifest.force(false);
  }

  @Override
  public void finish(List<StepRecord> records, Instant ended, boolean cancelled) {
    try {
      lines.reset();
      addRecords(records);
      Manifest.sessionEnded(lines, session(), ended, cancelled);
      append();
      committed(records);
    } catch (IOException | RuntimeException e) {
      throw new RunStoreException(
          RunStoreException.Problem.WRITE_FAILED,
          "cannot record the end of run " + recorded.runId() + " in " + run.resolve(Manifest.FILE)
              + ": " + Errors.reason(e), e);
    }
    try {
      removeUnneededFiles();
      removeOldRuns();
    } catch (IOException | RuntimeException e) {
      // What is left is removed by a later run; the record is whole.
    }
  }

  /** Removes the step files no latest record names: superseded, or left by a killed session. */
  private void removeUnneededFiles() throws IOException {
    Set<String> needed = new HashSet<>();
    for (String name : latestFiles.values()) {
      needed.add(run.resolve(name).getFileName().toString());
    }
    List<Path> unneeded = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(steps)) {
      for (Path file : files) {
        if (!needed.contains(file.getFileName().toString())) {
          unneeded.add(file);
        }
      }
    }
    for (Path file : unneeded) {
      Files.deleteIfExists(file);
    }
  }

  /**
   * Removes the oldest runs of the connector beyond the store's retention, never this one: each
   * is renamed out of the way ({@code .removed-...}), so that it is gone from the store at once;
   * deleting what it held is left to the {@link #deleteRemovedRuns cleanup} of the next session,
   * which runs beside its steps. Directories without a manifest (runs killed as they started) go
   * the same way.
   */
  private void removeOldRuns() throws IOException {
    Path runs = run.getParent();
    List<Path> remove = new ArrayList<>();
    for (Path directory : RunListing.runDirectories(runs)) {
      if (!directory.equals(run) && !Files.exists(directory.resolve(Manifest.FILE))) {
        remove.add(directory);
      }
    }
    List<RunListing.Start> kept = new ArrayList<>();
    for (RunListing.Start start : RunListing.starts(runs)) {
      if (!start.runId().equals(run.getFileName().toString())) {
        kept.add(start);
      }
    }
    for (int i = store.keepRuns() - 1; i < kept.size(); i++) {
      remove.add(runs.resolve(kept.get(i).runId()));
    }
    for (Path directory : remove) {
      Durable.rename(
          directory,
          runs.resolve(
              REMOVED + directory.getFileName() + "-"
                  + Long.toHexString(ThreadLocalRandom.current().nextLong())));
    }
    // Not synced: a removal that a crash undoes only keeps an old run a while longer.
  }

  private static final String REMOVED = ".removed-";

  /**
   * Deletes, on a daemon thread of its own, what the retention of earlier sessions renamed out
   * of the way: a run of a million entities takes a while to delete, and no step waits for it.
   * What a process that ends first leaves is deleted by a later session.
   */
  static void deleteRemovedRuns(Path runs) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(runs, REMOVED + "*")) {
      if (!entries.iterator().hasNext()) {
        return; // nothing to delete: no thread
      }
    } catch (IOException | RuntimeException e) {
      return;
    }
    Thread cleanup = new Thread(() -> deleteRemoved(runs), "stepgraph-store-cleanup");
    cleanup.setDaemon(true);
    cleanup.start();
  }

  /** Deletes what retention renamed out of the way; what cannot be deleted now stays. */
  static void deleteRemoved(Path runs) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(runs, REMOVED + "*")) {
      for (Path entry : entries) {
        Durable.deleteTree(entry);
      }
    } catch (IOException | RuntimeException e) {
      // Left for a later session; another process may be deleting it too.
    }
  }

  @Override
  public void close() {
    try {
      manifest.close();
    } catch (IOException e) {
      // Everything that counts was synced.
    } finally {
      lock.close();
    }
  }
}
