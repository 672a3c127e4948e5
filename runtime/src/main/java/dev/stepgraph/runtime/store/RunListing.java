package dev.stepgraph.runtime.store;

import dev.stepgraph.runtime.internal.Errors;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The runs in a connector's {@code runs} directory of a {@link DirectoryRunStore}: their
 * directories, their summaries (each manifest read whole, for {@code runs}) and their starts
 * (only each manifest's first lines, for choosing the latest run and what retention removes).
 */
final class RunListing {
  private RunListing() {}

  static final Comparator<RunSummary> NEWEST_FIRST =
      Comparator.comparing(RunSummary::started)
          .thenComparing(RunSummary::runId)
          .reversed();

  /** The directories of the runs (names not starting with '.'), in no order. */
  static List<Path> runDirectories(Path runs) {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(runs)) {
      for (Path entry : entries) {
        if (!entry.getFileName().toString().startsWith(".") && Files.isDirectory(entry)) {
          found.add(entry);
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return List.of();
    } catch (IOException e) {
      throw new RunStoreException(
          RunStoreException.Problem.DAMAGED_MANIFEST,
          "cannot read the run store " + runs + ": " + Errors.reason(e), e);
    }
    return found;
  }

  /** The run of this directory, or null if it has no manifest (a run that never started). */
  static @Nullable RunSummary summary(Path run) {
    Path manifest = run.resolve(Manifest.FILE);
    String runId = run.getFileName().toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(manifest);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return new RunSummary(runId, modified(manifest), null,
          "cannot read " + manifest + ": " + Errors.reason(e));
    }
    try {
      RecordedRun recorded = ManifestReader.read(bytes, manifest.toString()).run();
      return new RunSummary(runId, recorded.started(), recorded, null);
    } catch (ManifestReader.Unreadable e) {
      return new RunSummary(runId, modified(manifest), null, e.getMessage());
    }
  }

  /** A run's id and when it started, for ordering runs without reading their manifests whole. */
  record Start(String runId, Instant started) {}

  /** The runs of a connector's runs directory, newest first, by their manifests' first lines. */
  static List<Start> starts(Path runs) {
    List<Start> starts = new ArrayList<>();
    for (Path run : runDirectories(runs)) {
      Path manifest = run.resolve(Manifest.FILE);
      if (!Files.exists(manifest)) {
        continue;
      }
      Instant started;
      try {
        started = ManifestReader.startedAt(manifest);
      } catch (IOException e) {
        started = null;
      }
      starts.add(new Start(run.getFileName().toString(), started != null ? started : modified(manifest)));
    }
    starts.sort(Comparator.comparing(Start::started).thenComparing(Start::runId).reversed());
    return starts;
  }

  private static Instant modified(Path file) {
    try {
      FileTime time = Files.getLastModifiedTime(file);
      return time.toInstant();
    } catch (IOException e) {
      return Instant.EPOCH;
    }
  }
}
