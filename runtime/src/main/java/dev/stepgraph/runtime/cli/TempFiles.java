package dev.stepgraph.runtime.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The temporary files of a {@link ReplacedFile}, {@code .<name>.<hex>.tmp} beside it: each is
 * locked while a run writes it, so that another run tells it from one that a killed run ({@code
 * kill -9}) left behind, which it removes.
 */
final class TempFiles {
  private TempFiles() {}

  /** A temporary file, created and locked. */
  record Temp(Path path, FileChannel channel) {}

  /**
   * Creates {@code .<name>.<hex>.tmp} in {@code directory} and locks it while it is written, so
   * that another run's {@link #removeStale} leaves it alone.
   */
  static Temp create(Path directory, String name) throws IOException {
    while (true) {
      Path temp =
          directory.resolve(
              "." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
      FileChannel channel;
      try {
        channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        continue;
      }
      try {
        channel.lock();
      } catch (IOException e) {
        // No locks on this file system: the file is written unlocked.
        return new Temp(temp, channel);
      } catch (RuntimeException | Error e) {
        channel.close();
        throw e;
      }
      if (Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
        return new Temp(temp, channel);
      }
      // Another run took it for stale between its creation and the lock, and removed it.
      channel.close();
    }
  }

  /**
   * Removes the temporary files of {@code name} that a killed run left in {@code directory}: those
   * nobody holds locked. Returns what it removed; what it cannot remove stays.
   */
  static List<Path> removeStale(Path directory, String name) {
    Pattern pattern = Pattern.compile("\\." + Pattern.quote(name) + "\\.[0-9a-f]{1,16}\\.tmp");
    List<Path> removed = new ArrayList<>();
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(
            directory, entry -> pattern.matcher(entry.getFileName().toString()).matches())) {
      for (Path entry : entries) {
        if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        try (FileChannel channel =
            FileChannel.open(entry, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
          FileLock lock = channel.tryLock();
          if (lock != null) {
            Files.delete(entry); // still locked: a new run cannot have taken it meanwhile
            removed.add(entry);
          }
        } catch (IOException | OverlappingFileLockException e) {
          // Locked by a run of this JVM, gone already, or cannot be removed: leave it.
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      // Cannot list the directory: the probe that follows says whether it can be written.
    }
    return removed;
  }
}
