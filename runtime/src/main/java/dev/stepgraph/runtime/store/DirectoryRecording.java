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
  private final Manifest.Lines lines = new Manifest.Lines();
  /** The file of each step's latest record: the files still needed. */
  private final Map<String, String> latestFiles = new HashMap<>();
  private boolean renamed; // a step file was renamed into place since the last commit
  private boolean finished;

  /**
   * Opens the manifest of {@code run} for appending after its first {@code validLength} bytes
   * (what follows is an append a crash cut short, removed).
   */
  DirectoryRecording(
      DirectoryRunStore store, StoreLock lock, Path run, RecordedRun recorded, long validLength)
      throws IOException {
    this.store = store;
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
  }

  /** Appends the start of a resumed session, durably, and removes what no record needs. */
  void startSession(RecordedRun.Session session) throws IOException {
    lines.reset();
    Manifest.sessionStarted(lines, session);
    append();
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
    StepRecord.DataFile file = record.file();
    if (file == null) {
      return new StepData(List.of(), List.of());
    }
    Path path = run.resolve(file.name()).normalize();
    if (!path.startsWith(steps)) {
      throw new RunStoreException(
          RunStoreException.Problem.DAMAGED_STEP,
          "the record of step '" + record.stepId() + "' names a file outside " + steps + ": "
              + file.name());
    }
    return StepFiles.read(path, path.toString(), record);
  }

  @Override
  public StepRecord.DataFile write(
      String stepId, List<Entity> entities, List<Relationship> relationships) {
    String name =
        DirectoryRunStore.STEPS + "/" + DirectoryRunStore.safeName(stepId) + "." + session()
            + ".jsonl";
    try {
      StepRecord.DataFile file = StepFiles.write(run.resolve(name), name, entities, relationships);
      renamed = true;
      return file;
    } catch (IOException | RuntimeException e) {
      throw new RunStoreException(
          RunStoreException.Problem.WRITE_FAILED,
          "cannot record step '" + stepId + "' in " + run + ": " + Errors.reason(e), e);
    }
  }

  @Override
  public void commit(List<StepRecord> records) {
    try {
      if (renamed) {
        Durable.syncDirectory(steps); // the files' names first, then the records that name them
        renamed = false;
      }
      lines.reset();
      for (StepRecord record : records) {
        Manifest.record(lines, record);
      }
      append();
    } catch (IOException | RuntimeException e) {
      throw new RunStoreException(
          RunStoreException.Problem.WRITE_FAILED,
          "cannot record " + (records.size() == 1 ? "step '" + records.get(0).stepId() + "'"
              : records.size() + " steps") + " in " + run.resolve(Manifest.FILE) + ": "
              + Errors.reason(e), e);
    }
    for (StepRecord record : records) {
      if (record.file() != null) {
        latestFiles.put(record.stepId(), record.file().name());
      } else {
        latestFiles.remove(record.stepId());
      }
    }
  }

  private void append() throws IOException {
    Durable.writeFully(manifest, ByteBuffer.wrap(lines.bytes()));
    manifest.force(false);
  }

  @Override
  public void finish(Instant ended, boolean cancelled) {
    try {
      lines.reset();
      Manifest.sessionEnded(lines, session(), ended, cancelled);
      append();
      finished = true;
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
   * is renamed out of the way first, so that it disappears at once, then deleted. Directories
   * without a manifest (runs killed as they started) and what earlier removals left go too.
   */
  private void removeOldRuns() throws IOException {
    Path runs = run.getParent();
    List<RunSummary> kept = new ArrayList<>();
    List<Path> remove = new ArrayList<>();
    for (Path directory : DirectoryRunStore.runDirectories(runs)) {
      if (directory.equals(run)) {
        continue;
      }
      RunSummary summary = DirectoryRunStore.summary(directory);
      if (summary == null) {
        remove.add(directory);
      } else {
        kept.add(summary);
      }
    }
    kept.sort(DirectoryRunStore.NEWEST_FIRST);
    for (int i = store.keepRuns() - 1; i < kept.size(); i++) {
      remove.add(runs.resolve(kept.get(i).runId()));
    }
    boolean any = false;
    for (Path directory : remove) {
      Path gone =
          runs.resolve(
              ".removed-" + directory.getFileName() + "-"
                  + Long.toHexString(ThreadLocalRandom.current().nextLong()));
      Durable.rename(directory, gone);
      any = true;
    }
    if (any) {
      Durable.syncDirectory(runs);
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(runs, ".removed-*")) {
      for (Path entry : entries) {
        Durable.deleteTree(entry);
      }
    }
  }

  boolean finished() {
    return finished;
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
