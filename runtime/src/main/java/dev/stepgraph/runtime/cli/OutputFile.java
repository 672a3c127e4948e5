package dev.stepgraph.runtime.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.internal.Errors;
import dev.stepgraph.runtime.run.StepResult;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code --output FILE}: every committed entity and relationship as JSON Lines, step by step in
 * wave order (each step's entities, then its relationships, in emission order):
 *
 * <pre>
 * {"kind":"entity","type":"host","key":"h-1","properties":{"name":"web-1"}}
 * {"kind":"relationship","type":"runs-on","from":"s-1","to":"h-1","properties":{}}
 * </pre>
 *
 * <p>{@link #open} checks the destination before the run, so that a run never collects what it
 * cannot write, and picks how to write it:
 *
 * <ul>
 *   <li>A regular file, or a path where nothing is yet, is written to a temporary file {@code
 *       .<name>.<hex>.tmp} in the same directory, synced, and renamed over the target atomically,
 *       then the directory is synced: a crash or a write error never leaves half a file, and an
 *       existing file is replaced only on success (keeping its permissions). Symbolic links are
 *       followed: the file they lead to is replaced, the links stay. Temporary files that a killed
 *       run left behind for the same target are removed; those another run holds locked are not.
 *   <li>Anything else (a device such as {@code /dev/null}, a FIFO, a descriptor such as {@code
 *       /proc/self/fd/1}) is opened before the run and written directly, never replaced.
 *   <li>{@code -} is standard output.
 * </ul>
 *
 * A write can be abandoned from another thread ({@link Destination#abandon}, what the interrupt
 * handler does when its wait runs out): the temporary file is removed at once, and the target is
 * never replaced afterwards.
 */
final class OutputFile {
  private OutputFile() {}

  /** Counts of what was written. */
  record Written(long entities, long relationships) {}

  /** Told, on the writing thread, how many lines have been written so far, after each line. */
  @FunctionalInterface
  interface Progress {
    Progress NONE = lines -> {};

    void written(long lines) throws IOException;
  }

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
      return new StandardOutput(stdout);
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
      return Direct.open(linked, given, shown);
    }
    return ReplacedFile.open(linked, given, shown);
  }

  /** {@code "--output link (/real/target)"} when a link was followed. */
  private static String withTarget(String text, Path given, Path linked, Path target) {
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
  private static boolean isDescriptor(Path path) {
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

  /**
   * Where the results go. {@link #write} once, from the command's thread; {@link #abandon} from
   * any thread; {@link #close} when done.
   */
  abstract static class Destination implements Closeable {
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

    /** Temporary files of earlier runs that {@link #open} removed. */
    List<Path> removedStaleFiles() {
      return List.of();
    }

    /**
     * Writes the results, or throws and leaves the destination as {@link #afterFailure} says.
     *
     * @throws AbandonedException if {@link #abandon} was called before or during the write
     */
    final Written write(List<StepResult> steps, Progress progress) throws IOException {
      synchronized (lock) {
        if (state != State.READY) {
          throw new AbandonedException(shown);
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
        Writer writer = writer();
        Written counts =
            writeLines(writer, steps, lines -> {
              if (abandoned) {
                throw new AbandonedException(shown);
              }
              progress.written(lines);
            });
        finish(writer);
        synchronized (lock) {
          if (abandoned) {
            throw new AbandonedException(shown);
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

    abstract Writer writer() throws IOException;

    /** Flushes and syncs what {@link #writer} wrote; a failure here fails the write. */
    abstract void finish(Writer writer) throws IOException;

    /** Makes the write visible (under the lock). */
    void commit() throws IOException {}

    /** After the commit; failures are not the write's. */
    void afterCommit() {}

    /** Undoes what {@link #begin} did; idempotent, never throws (under the lock). */
    void discard() {}

    /** Releases what {@link #open} holds; idempotent, never throws (under the lock). */
    void release() {}

    /** What a failed or abandoned write left: "the previous file is unchanged". */
    abstract String afterFailure();

    /** What an abandoned write that never began left. */
    abstract String untouched();
  }

  /** A regular file (or nothing yet): written beside, renamed over. */
  private static final class ReplacedFile extends Destination {
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

    static ReplacedFile open(Path linked, Path given, String shown) throws Unusable {
      Path directory = linked.getParent();
      if (!Files.isDirectory(directory)) {
        if (Files.exists(directory)) {
          throw new Unusable("cannot write " + shown + ": " + directory + " is not a directory");
        }
        throw new Unusable("cannot write " + shown + ": directory " + directory + " does not exist");
      }
      Path target;
      try {
        target = directory.toRealPath().resolve(linked.getFileName());
      } catch (IOException e) {
        throw new Unusable("cannot write " + shown + ": " + Errors.reason(e));
      }
      shown = withTarget(shown, given, linked, target);
      String name = withTarget(given.toString(), given, linked, target);
      List<Path> removed = removeStale(target.getParent(), target.getFileName().toString());
      try {
        Temp probe = createTemp(target.getParent(), target.getFileName().toString());
        probe.channel.close();
        Files.deleteIfExists(probe.path);
      } catch (IOException e) {
        throw new Unusable("cannot write " + shown + ": cannot create files in "
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
      Temp created = createTemp(directory, fileName);
      temp = created.path;
      channel = created.channel;
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
    Writer writer() throws IOException {
      FileChannel open = channel;
      if (open == null) {
        throw new AbandonedException(shown);
      }
      return new BufferedWriter(
          new OutputStreamWriter(Channels.newOutputStream(open), StandardCharsets.UTF_8),
          1 << 16);
    }

    @Override
    void finish(Writer writer) throws IOException {
      writer.flush();
      FileChannel written = channel;
      if (written == null) {
        throw new AbandonedException(shown);
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
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException e) {
          // Nothing written through it counts any more.
        }
        channel = null;
      }
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

  /** A temporary file, created and locked. */
  private record Temp(Path path, FileChannel channel) {}

  /**
   * Creates {@code .<name>.<hex>.tmp} in {@code directory} and locks it while it is written, so
   * that another run's {@link #removeStale} leaves it alone.
   */
  private static Temp createTemp(Path directory, String name) throws IOException {
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
  private static List<Path> removeStale(Path directory, String name) {
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

  /** A device, FIFO or descriptor: opened before the run, written directly. */
  private static final class Direct extends Destination {
    private volatile @Nullable OutputStream stream;

    private Direct(OutputStream stream, String shown, String name) {
      super(shown, name);
      this.stream = stream;
    }

    static Direct open(Path target, Path given, String shown) throws Unusable {
      Path real = target;
      if (!isDescriptor(target)) {
        try {
          real = target.toRealPath();
        } catch (IOException e) {
          // Shown as the links lead to it.
        }
      }
      shown = withTarget(shown, given, target, real);
      try {
        // APPEND: a descriptor of a regular file (stdout >> log) is written at its end, not at 0.
        OutputStream stream =
            Files.newOutputStream(target, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new Direct(stream, shown, withTarget(given.toString(), given, target, real));
      } catch (IOException e) {
        throw new Unusable("cannot write " + shown + ": " + Errors.reason(e));
      }
    }

    @Override
    Writer writer() throws IOException {
      OutputStream open = stream;
      if (open == null) {
        throw new AbandonedException(shown);
      }
      return new BufferedWriter(new OutputStreamWriter(open, StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    void finish(Writer writer) throws IOException {
      writer.flush();
      OutputStream closing = stream;
      stream = null;
      closing.close(); // a FIFO's reader sees the end
    }

    @Override
    void discard() {
      release();
    }

    @Override
    void release() {
      if (stream != null) {
        try {
          stream.close();
        } catch (IOException e) {
          // What it got, it got.
        }
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

  /** {@code --output -}. */
  private static final class StandardOutput extends Destination {
    private final PrintStream out;

    StandardOutput(PrintStream out) {
      super("--output - (standard output)", "standard output");
      this.out = out;
    }

    @Override
    Writer writer() {
      return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    void finish(Writer writer) throws IOException {
      writer.flush();
      if (out.checkError()) {
        throw new IOException("the write failed");
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

  static Written writeLines(Writer writer, List<StepResult> steps) throws IOException {
    return writeLines(writer, steps, Progress.NONE);
  }

  static Written writeLines(Writer writer, List<StepResult> steps, Progress progress)
      throws IOException {
    long entities = 0;
    long relationships = 0;
    try (JsonGenerator json =
        new JsonFactory()
            .createGenerator(writer)
            .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
      json.setRootValueSeparator(null);
      for (StepResult step : steps) {
        for (Entity entity : step.entities()) {
          json.writeStartObject();
          json.writeStringField("kind", "entity");
          json.writeStringField("type", entity.type());
          json.writeStringField("key", entity.key());
          writeProperties(json, entity.properties());
          endLine(json, writer);
          entities++;
          progress.written(entities + relationships);
        }
        for (Relationship relationship : step.relationships()) {
          json.writeStartObject();
          json.writeStringField("kind", "relationship");
          json.writeStringField("type", relationship.type());
          json.writeStringField("from", relationship.fromKey());
          json.writeStringField("to", relationship.toKey());
          writeProperties(json, relationship.properties());
          endLine(json, writer);
          relationships++;
          progress.written(entities + relationships);
        }
      }
    }
    return new Written(entities, relationships);
  }

  /** Ends the line's object; the generator is flushed so the newline lands after it. */
  private static void endLine(JsonGenerator json, Writer writer) throws IOException {
    json.writeEndObject();
    json.flush();
    writer.write('\n');
  }

  private static void writeProperties(JsonGenerator json, Map<String, Object> properties)
      throws IOException {
    json.writeObjectFieldStart("properties");
    for (Map.Entry<String, Object> property : properties.entrySet()) {
      json.writeFieldName(property.getKey());
      writeValue(json, property.getValue());
    }
    json.writeEndObject();
  }

  private static void writeValue(JsonGenerator json, Object value) throws IOException {
    if (value instanceof String s) {
      json.writeString(s);
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      json.writeNumber(((Number) value).intValue());
    } else if (value instanceof Long l) {
      json.writeNumber(l);
    } else if (value instanceof Double d) {
      json.writeNumber(d);
    } else if (value instanceof Float f) {
      json.writeNumber(f);
    } else if (value instanceof BigDecimal d) {
      json.writeNumber(d);
    } else if (value instanceof BigInteger i) {
      json.writeNumber(i);
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object element : list) {
        writeValue(json, element);
      }
      json.writeEndArray();
    } else {
      // Entity and Relationship check their values; this is a bug if it happens.
      json.writeString(String.valueOf(value));
    }
  }
}
