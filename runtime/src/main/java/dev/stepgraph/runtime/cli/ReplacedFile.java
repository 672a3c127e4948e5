package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.internal.Errors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A regular file, or a path where nothing is yet: written to a temporary file in the same
 * directory ({@link TempFiles}), synced, and renamed over the target atomically, then the
 * directory is synced. A crash or a write error never leaves half a file, and an existing file is
 * replaced only on success, keeping its permissions.
 */
final class ReplacedFile extends Destination {
  private final Path target;
  private final Path directory;
  private final String fileName;
  private final List<Path> removedStale;
  private volatile @Nullable Path temp;
  private volatile @Nullable FileChannel channel;

  private ReplacedFile(Path target, String shown, String name, List<Path> removedStale) {
    super(shown, name);
    this.target = target;
    this.directory = target.getParent();
    this.fileName = target.getFileName().toString();
    this.removedStale = removedStale;
  }

  /**
   * Checks that the directory of {@code linked} (the path given, its links followed) takes a new
   * file, and removes the temporary files that killed runs left there. What "Wrote ... to" names is
   * {@code value}, the path as given.
   */
  static ReplacedFile open(Path linked, Path given, String value, String shown)
      throws OutputFile.Unusable {
    Path directory = linked.getParent();
    if (!Files.isDirectory(directory)) {
      if (Files.exists(directory)) {
        throw new OutputFile.Unusable(
            "cannot write " + shown + ": " + directory + " is not a directory");
      }
      throw new OutputFile.Unusable(
          "cannot write " + shown + ": directory " + directory + " does not exist");
    }
    Path target;
    try {
      target = directory.toRealPath().resolve(linked.getFileName());
    } catch (IOException e) {
      throw new OutputFile.Unusable("cannot write " + shown + ": " + Errors.reason(e));
    }
    shown = OutputFile.withTarget(shown, given, linked, target);
    String name = OutputFile.withTarget(value, given, linked, target);
    List<Path> removed = TempFiles.removeStale(target.getParent(), target.getFileName().toString());
    try {
      TempFiles.Temp probe = TempFiles.create(target.getParent(), target.getFileName().toString());
      probe.channel().close();
      Files.deleteIfExists(probe.path());
    } catch (IOException e) {
      throw new OutputFile.Unusable("cannot write " + shown + ": cannot create files in "
          + target.getParent() + ": " + Errors.reason(e));
    }
    return new ReplacedFile(target, shown, name, removed);
  }

  @Override
  List<Path> removedStaleFiles() {
    return removedStale;
  }

  @Override
  void begin() throws IOException {
    TempFiles.Temp created = TempFiles.create(directory, fileName);
    temp = created.path();
    channel = created.channel();
    keepPermissions();
  }

  /** A replaced file keeps its permissions: an inventory readable by its owner only stays so. */
  private void keepPermissions() {
    try {
      if (Files.isRegularFile(target)) {
        Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
      }
    } catch (IOException | UnsupportedOperationException e) {
      // Not a POSIX file system, or the file went away: the new file has the default ones.
    }
  }

  @Override
  OutputStream stream() throws IOException {
    FileChannel open = channel;
    if (open == null) {
      throw new OutputFile.AbandonedException(shown);
    }
    return Channels.newOutputStream(open);
  }

  @Override
  void finish(OutputStream stream) throws IOException {
    stream.flush();
    FileChannel written = channel;
    if (written == null) {
      throw new OutputFile.AbandonedException(shown);
    }
    written.force(true);
  }

  @Override
  void commit() throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    temp = null;
  }

  @Override
  void afterCommit() {
    closeChannel();
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true); // makes the rename itself durable
    } catch (IOException e) {
      // A directory cannot be opened or synced here (not POSIX): the file is in place and synced.
    }
  }

  @Override
  void discard() {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp); // before closing: the lock keeps other runs' cleanup off it
      } catch (IOException e) {
        // Left for the next run to remove.
      }
      temp = null;
    }
    closeChannel();
  }

  private void closeChannel() {
    closeQuietly(channel);
    channel = null;
  }

  @Override
  String afterFailure() {
    return Files.exists(target) ? "the previous file is unchanged" : "no file was created";
  }

  @Override
  String untouched() {
    return afterFailure();
  }
}
