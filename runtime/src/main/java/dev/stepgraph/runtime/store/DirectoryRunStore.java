package dev.stepgraph.runtime.store;

import dev.stepgraph.runtime.internal.Errors;
import dev.stepgraph.runtime.internal.RunIds;
import dev.stepgraph.runtime.internal.Suggestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The embedded run store: a directory on the local file system ({@link RunStore#directory}). */
final class DirectoryRunStore implements RunStore {
  static final String RUNS = "runs";
  static final String STEPS = "steps";

  private final Path root;
  private final int keepRuns;

  DirectoryRunStore(Path root, int keepRuns) {
    this.root = Objects.requireNonNull(root, "directory");
    if (keepRuns < 1) {
      throw new IllegalArgumentException("a store keeps at least 1 run, was " + keepRuns);
    }
    this.keepRuns = keepRuns;
  }

  /** The directory of a connector's runs. */
  Path connectorDirectory(String connectorId) {
    return root.resolve(safeName(connectorId));
  }

  @Override
  public java.util.Optional<Path> location() {
    return java.util.Optional.of(root);
  }

  int keepRuns() {
    return keepRuns;
  }

  String shown() {
    return root.toString();
  }

  @Override
  public String toString() {
    return "directory store " + root;
  }

  /**
   * A file name for an id: the id itself when it is lowercase kebab-case (every generated id is),
   * else {@code id-} and a hash of it, so that no id makes a path of its own.
   */
  static String safeName(String id) {
    if (isSafeName(id)) {
      return id;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return "id-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** {@code [a-z0-9][a-z0-9_-]{0,99}}, without compiling it on every run's path. */
  private static boolean isSafeName(String id) {
    if (id.isEmpty() || id.length() > 100) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && (c == '_' || c == '-')))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public List<RunSummary> runs(String connectorId) {
    Path runs = connectorDirectory(connectorId).resolve(RUNS);
    List<RunSummary> summaries = new ArrayList<>();
    for (Path run : RunListing.runDirectories(runs)) {
      RunSummary summary = RunListing.summary(run);
      if (summary != null) {
        summaries.add(summary);
      }
    }
    summaries.sort(RunListing.NEWEST_FIRST);
    return summaries;
  }

  @Override
  public RunReader read(String connectorId, @Nullable String runId) {
    return DirectoryRunReader.open(this, connectorId, runId);
  }

  @Override
  public RunRecording create(
      String connectorId,
      String runId,
      Instant started,
      List<String> selected,
      Map<String, String> fingerprints) {
    if (!RunIds.valid(runId)) {
      throw new IllegalArgumentException(RunIds.invalid(runId));
    }
    Path connector = connectorDirectory(connectorId);
    StoreLock lock = StoreLock.acquire(connector, shown(), connectorId);
    try {
      Path runs = connector.resolve(RUNS);
      Path run = runs.resolve(runId);
      try {
        boolean newRuns = !Files.isDirectory(runs);
        Files.createDirectories(runs);
        if (Files.exists(run.resolve(Manifest.FILE))) {
          throw new RunStoreException(
              RunStoreException.Problem.RUN_EXISTS,
              "the run store " + shown() + " already holds run " + runId + " of " + connectorId
                  + ": resume it, or give the new run another id");
        }
        // A directory without a manifest is what a run killed while it started left: nothing.
        Durable.deleteTree(run);
        Files.createDirectory(run);
        Files.createDirectory(run.resolve(STEPS));
        RecordedRun.Session session =
            new RecordedRun.Session(1, started, null, false, lock.process(), selected, fingerprints);
        ManifestLines lines = new ManifestLines();
        Manifest.header(lines, connectorId, runId);
        Manifest.sessionStarted(lines, session);
        // Synced with the first commit, which is what needs it: the run starts without waiting.
        byte[] start = lines.bytes();
        Durable.create(run.resolve(Manifest.FILE), start);
        lock.describe(runId);
        RecordedRun recorded = new RecordedRun(connectorId, runId, List.of(session), List.of());
        return new DirectoryRecording(
            this, lock, run, recorded, start.length,
            newRuns ? List.of(run, runs, connector) : List.of(run, runs));
      } catch (IOException | SecurityException e) {
        throw StoreLock.unwritable(shown(), e);
      }
    } catch (RuntimeException | Error e) {
      lock.close();
      throw e;
    }
  }

  @Override
  public RunRecording resume(
      String connectorId,
      @Nullable String runId,
      Instant started,
      List<String> selected,
      Map<String, String> fingerprints) {
    // Nothing to resume is told before anything is written, or locked.
    Path connector = connectorDirectory(connectorId);
    String chosen = chooseRun(connectorId, runId);
    StoreLock lock = StoreLock.acquire(connector, shown(), connectorId);
    try {
      Path run = connector.resolve(RUNS).resolve(chosen);
      Path manifest = run.resolve(Manifest.FILE);
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(manifest);
      } catch (NoSuchFileException e) {
        throw nothingToResume(connectorId, chosen, List.of());
      } catch (IOException e) {
        throw new RunStoreException(
            RunStoreException.Problem.DAMAGED_MANIFEST,
            "cannot resume run " + chosen + ": cannot read " + manifest + ": "
                + Errors.reason(e) + "; make it readable, or start a new run",
            e);
      }
      ManifestReader.Contents contents;
      try {
        contents = ManifestReader.read(bytes, manifest.toString());
      } catch (ManifestReader.Unreadable e) {
        throw new RunStoreException(
            e.problem,
            "cannot resume run " + chosen + ": " + e.getMessage()
                + (e.problem == RunStoreException.Problem.NEWER_FORMAT
                    ? "; resume it with a newer Stepgraph, or start a new run"
                    : "; start a new run, or remove " + run + " and its runs start afresh"));
      }
      RecordedRun before = contents.run();
      RecordedRun.Session session =
          new RecordedRun.Session(
              before.sessions().size() + 1, started, null, false, lock.process(), selected,
              fingerprints);
      List<RecordedRun.Session> sessions = new ArrayList<>(before.sessions());
      sessions.add(session);
      RecordedRun recorded =
          new RecordedRun(before.connectorId(), before.runId(), sessions, before.records());
      lock.describe(chosen);
      try {
        DirectoryRecording recording =
            new DirectoryRecording(this, lock, run, recorded, contents.validLength(), List.of());
        recording.startSession(session);
        return recording;
      } catch (IOException | SecurityException e) {
        throw StoreLock.unwritable(shown(), e);
      }
    } catch (RuntimeException | Error e) {
      lock.close();
      throw e;
    }
  }

  /** The run a resume continues: the one named, or the latest. */
  private String chooseRun(String connectorId, @Nullable String runId) {
    List<RunListing.Start> runs =
        RunListing.starts(connectorDirectory(connectorId).resolve(RUNS));
    if (runId == null) {
      if (runs.isEmpty()) {
        throw new RunStoreException(
            RunStoreException.Problem.NOTHING_TO_RESUME,
            "nothing to resume: the run store " + shown() + " holds no run of " + connectorId);
      }
      return runs.get(0).runId();
    }
    List<String> ids = new ArrayList<>();
    for (RunListing.Start run : runs) {
      if (run.runId().equals(runId)) {
        return runId;
      }
      ids.add(run.runId());
    }
    throw nothingToResume(connectorId, runId, ids);
  }

  private RunStoreException nothingToResume(String connectorId, String runId, List<String> ids) {
    return new RunStoreException(
        RunStoreException.Problem.NOTHING_TO_RESUME,
        "nothing to resume: " + noSuchRun(connectorId, runId, ids));
  }

  /** That the store holds no such run, with the nearest id and the runs it holds. */
  String noSuchRun(String connectorId, String runId, List<String> ids) {
    return "the run store " + shown() + " holds no run " + runId + " of " + connectorId
        + Suggestions.didYouMean(runId, ids)
        + (ids.isEmpty() ? "" : " (runs, newest first: " + String.join(", ", ids) + ")");
  }
}
