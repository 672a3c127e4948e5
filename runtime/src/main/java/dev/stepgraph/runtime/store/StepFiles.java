package dev.stepgraph.runtime.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.internal.EntityLineWriter;
import dev.stepgraph.runtime.internal.EntityLines;
import dev.stepgraph.runtime.internal.Errors;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The step files of a directory store: what a step emitted, in the JSON Lines format of {@code
 * --output} ({@link EntityLines}), written streaming (never as one string in memory) with its
 * length and CRC-32C computed on the way, and read back checked against them.
 */
final class StepFiles {
  private static final JsonFactory JSON = new JsonFactory();

  private StepFiles() {}

  /**
   * Writes the entities, then the relationships, to a temporary file beside {@code target},
   * syncs it and renames it to {@code target}. The directory is left for the caller to sync.
   */
  static StepRecord.DataFile write(
      Path target, String name, List<Entity> entities, List<Relationship> relationships)
      throws IOException {
    Path temp = Durable.temporary(target.getParent(), target.getFileName().toString());
    boolean renamed = false;
    try {
      Counted counted;
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        // The line writer buffers; the counting stream sees its chunks, the channel's stream
        // writes them as they come.
        counted = new Counted(Channels.newOutputStream(channel));
        EntityLineWriter lines = new EntityLineWriter(counted);
        for (int i = 0, n = entities.size(); i < n; i++) {
          lines.write(entities.get(i));
        }
        for (int i = 0, n = relationships.size(); i < n; i++) {
          lines.write(relationships.get(i));
        }
        lines.flush();
        counted.flush();
        channel.force(false);
      }
      Durable.rename(temp, target);
      renamed = true;
      return new StepRecord.DataFile(
          name, counted.bytes, "crc32c:" + Manifest.hex8(counted.crc.getValue()));
    } finally {
      if (!renamed) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /**
   * Reads back the file a record of a run names, after checking that it lies in the run's steps
   * directory (a damaged manifest could name any path).
   *
   * @param run the run's directory
   * @throws RunStoreException DAMAGED_STEP as {@link #read(Path, String, StepRecord)}, or for a
   *     file outside the steps directory
   */
  static StepData readOfRun(Path run, StepRecord record) {
    StepRecord.DataFile file = record.file();
    if (file == null) {
      return new StepData(List.of(), List.of());
    }
    Path steps = run.resolve(DirectoryRunStore.STEPS);
    Path path = run.resolve(file.name()).normalize();
    if (!path.startsWith(steps)) {
      throw new RunStoreException(
          RunStoreException.Problem.DAMAGED_STEP,
          "the record of step '" + record.stepId() + "' names a file outside " + steps + ": "
              + file.name());
    }
    return read(path, path.toString(), record);
  }

  /**
   * Reads a step file back.
   *
   * @param shown the file, as messages name it
   * @throws RunStoreException DAMAGED_STEP if it is missing, of another length, corrupt, fails its
   *     checksum or holds other counts than recorded
   */
  static StepData read(Path file, String shown, StepRecord record) {
    StepRecord.DataFile expected = record.file();
    if (expected == null) {
      return new StepData(List.of(), List.of());
    }
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw damaged(shown + " is missing");
    } catch (IOException e) {
      throw damaged("cannot read " + shown + ": " + Errors.reason(e));
    }
    if (size < expected.bytes()) {
      throw damaged(shown + " is truncated: it has " + size + " of its " + expected.bytes()
          + " bytes");
    }
    if (size > expected.bytes()) {
      throw damaged(shown + " has " + size + " bytes, " + expected.bytes() + " were recorded");
    }
    List<Entity> entities = new ArrayList<>(record.entityCount());
    List<Relationship> relationships = new ArrayList<>(record.relationshipCount());
    Checked in;
    try (InputStream raw = Channels.newInputStream(FileChannel.open(file, StandardOpenOption.READ))) {
      in = new Checked(raw);
      try (JsonParser json = JSON.createParser(in)) {
        for (Object line = EntityLines.read(json); line != null; line = EntityLines.read(json)) {
          if (line instanceof Entity entity) {
            if (!relationships.isEmpty()) {
              throw damaged(shown + " is corrupt: an entity after the relationships");
            }
            entities.add(entity);
          } else {
            relationships.add((Relationship) line);
          }
        }
      } catch (EntityLines.BadLine e) {
        throw damaged(shown + " is corrupt at line " + (entities.size() + relationships.size() + 1)
            + ": " + e.getMessage());
      } catch (IOException e) {
        throw damaged(shown + " is corrupt at line " + (entities.size() + relationships.size() + 1)
            + ": it is not JSON Lines");
      }
    } catch (IOException e) {
      throw damaged("cannot read " + shown + ": " + Errors.reason(e));
    }
    String checksum = "crc32c:" + Manifest.hex8(in.crc.getValue());
    if (!checksum.equals(expected.checksum())) {
      throw damaged(shown + " fails its checksum (" + checksum + ", recorded "
          + expected.checksum() + ")");
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Entity entity : entities) {
      counts.merge(entity.type(), 1, Integer::sum);
    }
    if (!counts.equals(record.entityCounts()) || relationships.size() != record.relationshipCount()) {
      throw damaged(shown + " holds " + entities.size() + " entities and " + relationships.size()
          + " relationships, other than the " + record.entityCount() + " and "
          + record.relationshipCount() + " recorded");
    }
    return new StepData(entities, relationships);
  }

  private static RunStoreException damaged(String message) {
    return new RunStoreException(RunStoreException.Problem.DAMAGED_STEP, message);
  }

  /** Counts and checksums what goes through it. */
  private static final class Counted extends FilterOutputStream {
    final CRC32C crc = new CRC32C();
    long bytes;

    Counted(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      crc.update(b);
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      crc.update(b, off, len);
      bytes += len;
    }
  }

  /** Checksums what is read through it. */
  private static final class Checked extends FilterInputStream {
    final CRC32C crc = new CRC32C();

    Checked(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        crc.update(b);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        crc.update(b, off, n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      throw new IOException("skip is not supported");
    }
  }
}
