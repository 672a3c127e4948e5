package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.internal.Errors;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Pattern;

/**
 * {@code --output FILE}: what the value names, checked before the run so that a run never
 * collects what it cannot write, and how it is written ({@link JsonLines} says what):
 *
 * <ul>
 *   <li>A regular file, or a path where nothing is yet, is a {@link ReplacedFile}: written beside,
 *       renamed over. Symbolic links are followed: the file they lead to is replaced, the links
 *       stay.
 *   <li>Anything else (a device such as {@code /dev/null}, a FIFO, a descriptor such as {@code
 *       /proc/self/fd/1}) is a {@link DirectOutput}, opened before the run and written directly.
 *   <li>{@code -} is standard output, a {@link DirectOutput} too.
 * </ul>
 */
final class OutputFile {
  private OutputFile() {}

  /** {@code --output} cannot be written; the message is one line (exit code 2). */
  static final class Unusable extends Exception {
    private static final long serialVersionUID = 1L;

    Unusable(String message) {
      super(message, null, false, false);
    }
  }

  /** The write was abandoned with {@link Destination#abandon}, which has said why. */
  static final class AbandonedException extends IOException {
    private static final long serialVersionUID = 1L;

    AbandonedException(String shown) {
      super("the write to " + shown + " was abandoned");
    }
  }

  private static final int MAX_LINKS = 40;
  private static final Pattern DESCRIPTOR_DIRECTORY =
      Pattern.compile("/proc/(self|\\d+)(/task/\\d+)?/fd");

  /**
   * Checks {@code value} (the argument of {@code --output}) and returns where the results will go:
   * the directory of a file must exist and take a new file, a device or FIFO must open for writing.
   */
  static Destination open(String value, PrintStream stdout) throws Unusable {
    if (value.isEmpty()) {
      throw new Unusable("--output is empty: give a file name, or - for standard output");
    }
    if (value.equals("-")) {
      return DirectOutput.standardOutput(stdout);
    }
    String shown = "--output " + value;
    Path given;
    try {
      given = Paths.get(value).toAbsolutePath();
    } catch (InvalidPathException e) {
      throw new Unusable("invalid --output path '" + value + "': " + e.getReason());
    }
    if (Files.isDirectory(given)) {
      throw new Unusable("cannot write " + shown + ": it is a directory");
    }
    if (value.endsWith("/") || value.endsWith(File.separator)) {
      throw new Unusable("cannot write " + shown + ": directory " + value + " does not exist");
    }
    Path linked = followLinks(given, shown);
    if (isDescriptor(linked) || (Files.exists(linked) && !Files.isRegularFile(linked))) {
      return DirectOutput.open(linked, given, value, shown);
    }
    return ReplacedFile.open(linked, given, value, shown);
  }

  /** {@code "--output link (/real/target)"} when a link was followed. */
  static String withTarget(String text, Path given, Path linked, Path target) {
    return linked.equals(given) ? text : text + " (" + target + ")";
  }

  /** Follows symbolic links to what they lead to, which need not exist; stops at a descriptor. */
  private static Path followLinks(Path given, String shown) throws Unusable {
    Path path = given;
    for (int links = 0; Files.isSymbolicLink(path) && !isDescriptor(path); links++) {
      if (links == MAX_LINKS) {
        throw new Unusable("cannot write " + shown + ": too many levels of symbolic links");
      }
      try {
        // An absolute link replaces the path, a relative one is resolved against its directory.
        path = path.resolveSibling(Files.readSymbolicLink(path));
      } catch (IOException | InvalidPathException e) {
        throw new Unusable("cannot write " + shown + ": cannot read link " + path + ": "
            + Errors.reason(e));
      }
    }
    return path;
  }

  /** {@code /proc/self/fd/1} and its like: a link to an open file, written through, not replaced. */
  static boolean isDescriptor(Path path) {
    Path parent = path.getParent();
    if (parent == null) {
      return false;
    }
    try {
      return DESCRIPTOR_DIRECTORY.matcher(parent.toRealPath().toString()).matches();
    } catch (IOException e) {
      return false;
    }
  }
}
