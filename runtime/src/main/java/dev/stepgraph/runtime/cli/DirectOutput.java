package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.internal.Errors;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * An output written directly, never replaced: a device ({@code /dev/null}), a FIFO or a
 * descriptor ({@code /proc/self/fd/3}), opened before the run; or standard output ({@code
 * --output -}).
 */
final class DirectOutput extends Destination {
  /** Standard output, if that is the output: not closed here, and its failures are hidden. */
  private final @Nullable PrintStream standardOutput;
  private volatile @Nullable OutputStream stream;

  private DirectOutput(
      OutputStream stream, @Nullable PrintStream standardOutput, String shown, String name) {
    super(shown, name);
    this.stream = stream;
    this.standardOutput = standardOutput;
  }

  /** {@code --output -}. */
  static DirectOutput standardOutput(PrintStream out) {
    return new DirectOutput(out, out, "--output - (standard output)", "standard output");
  }

  /**
   * Opens {@code target} (the path given, its links followed) for writing, now; "Wrote ... to"
   * names {@code value}, the path as given.
   */
  static DirectOutput open(Path target, Path given, String value, String shown)
      throws OutputFile.Unusable {
    Path real = target;
    if (!OutputFile.isDescriptor(target)) {
      try {
        real = target.toRealPath();
      } catch (IOException e) {
        // Shown as the links lead to it.
      }
    }
    shown = OutputFile.withTarget(shown, given, target, real);
    try {
      // APPEND: a descriptor of a regular file (stdout >> log) is written at its end, not at 0.
      OutputStream stream =
          Files.newOutputStream(target, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      return new DirectOutput(
          stream, null, shown, OutputFile.withTarget(value, given, target, real));
    } catch (IOException e) {
      throw new OutputFile.Unusable("cannot write " + shown + ": " + Errors.reason(e));
    }
  }

  @Override
  OutputStream stream() throws IOException {
    OutputStream open = stream;
    if (open == null) {
      throw new OutputFile.AbandonedException(shown);
    }
    return open;
  }

  @Override
  void finish(OutputStream written) throws IOException {
    written.flush();
    if (standardOutput != null) {
      if (standardOutput.checkError()) {
        throw new IOException("the write failed");
      }
      return;
    }
    OutputStream closing = stream;
    stream = null;
    if (closing == null) {
      throw new OutputFile.AbandonedException(shown);
    }
    closing.close(); // a FIFO's reader sees the end
  }

  @Override
  void discard() {
    release();
  }

  @Override
  void release() {
    if (standardOutput == null) {
      closeQuietly(stream);
      stream = null;
    }
  }

  @Override
  String afterFailure() {
    return "it may have received part of the output";
  }

  @Override
  String untouched() {
    return "nothing was written to it";
  }
}
