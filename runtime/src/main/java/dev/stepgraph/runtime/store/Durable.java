package dev.stepgraph.runtime.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/** The file-system moves of the directory store that make what it writes survive a crash. */
final class Durable {
  private Durable() {}

  /**
   * Syncs a directory, so that the names created, renamed or removed in it are durable. A file
   * system where a directory cannot be opened for it (not POSIX) is left as it is.
   */
  static void syncDirectory(Path directory) throws IOException {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (UnsupportedOperationException e) {
      // Nothing more can be done here.
    } catch (IOException e) {
      if (Files.isDirectory(directory)) {
        // Opening a directory for reading is refused on some systems (Windows): nothing to sync.
        return;
      }
      throw e;
    }
  }

  /** A temporary name in {@code directory} for a file that becomes {@code name}. */
  static Path temporary(Path directory, String name) {
    return directory.resolve(
        "." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
  }

  /** Whether a file name is one of {@link #temporary}'s. */
  static boolean isTemporary(String name) {
    return name.startsWith(".") && name.endsWith(".tmp");
  }

  /** Renames {@code from} to {@code to} atomically, replacing it. */
  static void rename(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Creates {@code file} with these bytes, whole or not at all: written to a temporary file beside
   * it and renamed. Not synced: the caller syncs the file and its directory before anything that
   * depends on it counts.
   */
  static void create(Path file, byte[] bytes) throws IOException {
    Path temp = temporary(file.getParent(), file.getFileName().toString());
    try {
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        writeFully(channel, ByteBuffer.wrap(bytes));
      }
      rename(temp, file);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  /** Deletes a directory and everything in it; what cannot be deleted stays. */
  static void deleteTree(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
