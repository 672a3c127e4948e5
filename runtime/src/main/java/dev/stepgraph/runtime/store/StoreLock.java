package dev.stepgraph.runtime.store;

import dev.stepgraph.runtime.internal.Errors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * The one-writer lock of a connector in a directory store: an OS lock on its {@code lock} file,
 * which the OS releases when the process ends however it ends, so a run that died blocks nobody.
 * While held, the file says who holds it: {@code <process id> <run id>}.
 */
final class StoreLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;
  private final long process;

  private StoreLock(FileChannel channel, FileLock lock, long process) {
    this.channel = channel;
    this.lock = lock;
    this.process = process;
  }

  /**
   * Takes the lock of the connector whose directory is {@code connectorDir}, creating it.
   *
   * @param store the store, as messages name it
   * @throws RunStoreException UNWRITABLE or LOCKED
   */
  static StoreLock acquire(Path connectorDir, String store, String connectorId) {
    Path file = connectorDir.resolve("lock");
    FileChannel channel;
    try {
      Files.createDirectories(connectorDir);
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException | SecurityException e) {
      throw unwritable(store, e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by another run in this JVM
    } catch (IOException e) {
      close(channel);
      throw unwritable(store, e);
    }
    if (lock == null) {
      String holder = holder(file);
      close(channel);
      throw new RunStoreException(
          RunStoreException.Problem.LOCKED,
          "the run store " + store + " is in use: " + holder + " of " + connectorId
              + " is running; one run of a connector writes to a store at a time");
    }
    long process = ProcessHandle.current().pid();
    StoreLock held = new StoreLock(channel, lock, process);
    held.describe(null);
    return held;
  }

  static RunStoreException unwritable(String store, Exception e) {
    return new RunStoreException(
        RunStoreException.Problem.UNWRITABLE,
        "cannot write the run store " + store + ": " + Errors.reason(e), e);
  }

  /** {@code run 20261201T204512Z-3fa9 (process 4242)}, from what the lock file says. */
  private static String holder(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      text = "";
    }
    String[] parts = text.split(" ", 2);
    if (parts.length == 2 && parts[0].matches("[0-9]+")) {
      return "run " + parts[1] + " (process " + parts[0] + ")";
    }
    if (parts[0].matches("[0-9]+")) {
      return "a run starting (process " + parts[0] + ")";
    }
    return "another run";
  }

  /** Says in the lock file which run holds it (null: not chosen yet). */
  void describe(@Nullable String runId) {
    String text = process + (runId == null ? "" : " " + runId) + "\n";
    try {
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
    } catch (IOException e) {
      // The lock holds all the same; another run's message will name no run.
    }
  }

  long process() {
    return process;
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // Closing the channel releases it too.
    }
    close(channel);
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing held any more.
    }
  }
}
