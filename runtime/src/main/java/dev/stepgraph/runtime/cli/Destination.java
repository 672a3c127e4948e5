package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.run.StepResult;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where {@code --output} goes, as {@link OutputFile#open} found it: a file replaced when the write
 * is done ({@link ReplacedFile}), or something written directly ({@link DirectOutput}). {@link
 * #write} once, from the command's thread; {@link #abandon} from any thread (what the interrupt
 * handler does when its wait runs out: nothing is replaced afterwards and the temporary file is
 * gone); {@link #close} when done.
 */
abstract class Destination implements Closeable {
  private enum State { READY, WRITING, WRITTEN, FAILED, ABANDONED }

  /** {@code --output VALUE}, with the file it leads to when that is another. */
  final String shown;
  /** What "Wrote ... to" names. */
  final String name;
  private final Object lock = new Object();
  private State state = State.READY; // guarded by lock
  private volatile boolean abandoned;

  Destination(String shown, String name) {
    this.shown = shown;
    this.name = name;
  }

  /** Temporary files of earlier runs that {@link OutputFile#open} removed. */
  List<Path> removedStaleFiles() {
    return List.of();
  }

  /**
   * Writes the results, or throws and leaves the destination as {@link #afterFailure} says.
   *
   * @throws OutputFile.AbandonedException if {@link #abandon} was called before or during the
   *     write
   */
  final JsonLines.Written write(List<StepResult> steps, JsonLines.Progress progress)
      throws IOException {
    synchronized (lock) {
      if (state != State.READY) {
        throw new OutputFile.AbandonedException(shown);
      }
      try {
        begin(); // under the lock: abandon() sees any temporary file it makes
      } catch (IOException | RuntimeException e) {
        state = State.FAILED;
        discard();
        throw e;
      }
      state = State.WRITING;
    }
    boolean written = false;
    try {
      OutputStream stream = stream();
      JsonLines.Written counts =
          JsonLines.write(stream, steps, lines -> {
            if (abandoned) {
              throw new OutputFile.AbandonedException(shown);
            }
            progress.written(lines);
          });
      finish(stream);
      synchronized (lock) {
        if (abandoned) {
          throw new OutputFile.AbandonedException(shown);
        }
        commit();
        state = State.WRITTEN;
      }
      written = true;
      afterCommit();
      return counts;
    } finally {
      if (!written) {
        synchronized (lock) {
          if (state == State.WRITING) {
            state = State.FAILED;
          }
          discard();
        }
      }
    }
  }

  /**
   * Gives up the write: from now on nothing is replaced and the temporary file is gone. Returns
   * the line that says so, or null when there is nothing to say (written, or failed and said).
   */
  final @Nullable String abandon() {
    synchronized (lock) {
      State was = state;
      if (was != State.READY && was != State.WRITING) {
        return null;
      }
      abandoned = true;
      state = State.ABANDONED;
      discard();
      return was == State.READY
          ? "interrupted before " + shown + " was written: the run did not stop in time; "
              + untouched()
          : "interrupted while writing " + shown + ": the write was abandoned; " + afterFailure();
    }
  }

  /** Whether the write has begun and not ended. */
  final boolean writing() {
    synchronized (lock) {
      return state == State.WRITING;
    }
  }

  /** Whether {@link #abandon} gave the write up (and said so). */
  final boolean abandoned() {
    return abandoned;
  }

  @Override
  public final void close() {
    synchronized (lock) {
      if (state != State.WRITTEN) {
        discard();
      }
      release();
    }
  }

  /** Prepares the write (under the lock). */
  void begin() throws IOException {}

  /** Where the lines go, as UTF-8 bytes; the writer buffers, so this need not. */
  abstract OutputStream stream() throws IOException;

  /** Flushes and syncs what went to {@link #stream}; a failure here fails the write. */
  abstract void finish(OutputStream stream) throws IOException;

  /** Makes the write visible (under the lock). */
  void commit() throws IOException {}

  /** After the commit; failures are not the write's. */
  void afterCommit() {}

  /** Undoes what {@link #begin} did; idempotent, never throws (under the lock). */
  void discard() {}

  /** Releases what {@link OutputFile#open} holds; idempotent, never throws (under the lock). */
  void release() {}

  /** What a failed or abandoned write left: "the previous file is unchanged". */
  abstract String afterFailure();

  /** What an abandoned write that never began left. */
  abstract String untouched();

  /** Closes a channel or stream that nothing written through counts for any more. */
  static void closeQuietly(@Nullable Closeable closeable) {
    if (closeable != null) {
      try {
        closeable.close();
      } catch (IOException e) {
        // What it got, it got.
      }
    }
  }
}
