package dev.stepgraph.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.internal.EntityLineWriter;
import dev.stepgraph.runtime.internal.EntityLines;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding one step file of the prior-data fixture (10,000 entities, the run store writes 100 of
 * them per run) into a stream that only checksums and counts, as the store's does: the store's
 * line writer ({@link EntityLineWriter}) against the same lines through a Jackson generator
 * ({@link EntityLines#write}), which it replaced and must match byte for byte.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StepFileEncodingBenchmark {
  private static final JsonFactory JSON = new JsonFactory();
  Entity[] entities;

  @Setup
  public void setUp() {
    entities = PriorDataFixture.entities()[0];
  }

  @Benchmark
  public long lineWriter() throws IOException {
    Checksummed out = new Checksummed();
    EntityLineWriter lines = new EntityLineWriter(out);
    for (Entity entity : entities) {
      lines.write(entity);
    }
    lines.flush();
    return out.result();
  }

  @Benchmark
  public long jacksonBaseline() throws IOException {
    Checksummed out = new Checksummed();
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.setRootValueSeparator(null);
      for (Entity entity : entities) {
        EntityLines.write(json, entity);
        json.writeRaw('\n');
      }
    }
    return out.result();
  }

  /** Checksums and counts what it is given, as the store's step file stream does. */
  static final class Checksummed extends OutputStream {
    private final CRC32C crc = new CRC32C();
    private long bytes;

    @Override
    public void write(int b) {
      crc.update(b);
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      crc.update(b, off, len);
      bytes += len;
    }

    long result() {
      return crc.getValue() ^ bytes;
    }
  }
}
