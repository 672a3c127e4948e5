package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Writing {@code --output} in a real process: a full disk, and which exit code wins. */
@Timeout(120)
class OutputWriteProcessTest {
  /** Lines of about 80 bytes: some 1.6 MB, far over {@link #LIMIT_BLOCKS}. */
  private static final String ENTITIES = "entities=20000";
  /** {@code ulimit -f}: files grow to 32 KiB at most, and a write past that fails (EFBIG). */
  private static final int LIMIT_BLOCKS = 64;

  @TempDir Path tmp;
  private Path out;
  private Path output;

  private void outputDirectory() throws IOException {
    out = Files.createDirectories(tmp.resolve("out"));
    output = out.resolve("out.jsonl");
  }

  private CliProcess process(String name, String graph, String... options) throws IOException {
    return new CliProcess(tmp.resolve(name), graph, options);
  }

  @Test
  void aFullDiskKeepsThePreviousFileAndExitsWith3() throws Exception {
    outputDirectory();
    Files.writeString(output, "old\n");
    CliProcess process =
        process("run", "small", ENTITIES).fileSizeLimit(LIMIT_BLOCKS)
            .args("--output", output.toString());

    assertEquals(3, process.run(), process.stderr());
    assertEquals(
        "error: cannot write --output " + output + ": File too large; the previous file is unchanged\n",
        OutputTargetsProcessTest.lastLine(process.stderr()));
    assertTrue(process.stderr().contains("Finished in "), "the run itself finished");
    assertEquals("old\n", Files.readString(output));
    assertEquals(List.of(), CliProcess.tempFiles(out));
  }

  @Test
  void aFullDiskWithoutAPreviousFileCreatesNone() throws Exception {
    outputDirectory();
    CliProcess process =
        process("run", "small", ENTITIES).fileSizeLimit(LIMIT_BLOCKS)
            .args("--output", output.toString());

    assertEquals(3, process.run(), process.stderr());
    assertEquals(
        "error: cannot write --output " + output + ": File too large; no file was created\n",
        OutputTargetsProcessTest.lastLine(process.stderr()));
    assertEquals(List.of(), list(out));
  }

  @Test
  void anOutputFailureWinsOverStepFailures() throws Exception {
    outputDirectory();
    CliProcess process =
        process("run", "failing", ENTITIES).fileSizeLimit(LIMIT_BLOCKS)
            .args("--output", output.toString());

    assertEquals(3, process.run(), process.stderr());
    assertTrue(process.stderr().contains("  bad: FAILED after "), process.stderr());
    assertTrue(process.stderr().contains("error: cannot write --output " + output), process.stderr());
  }

  @Test
  void aSignalWinsOverAnOutputFailure() throws Exception {
    outputDirectory();
    CliProcess process =
        process("run", "stuck", ENTITIES).fileSizeLimit(LIMIT_BLOCKS)
            .args("--output", output.toString())
            .start();
    process.awaitMarker("stuck");

    process.process().destroy(); // SIGTERM

    assertEquals(143, process.waitFor(), process.stderr());
    assertTrue(process.stderr().contains("Cancelled after "), process.stderr());
    assertTrue(
        process.stderr().contains(
            "error: cannot write --output " + output + ": File too large; no file was created\n"),
        process.stderr());
    assertEquals(List.of(), list(out));
  }

  private static List<Path> list(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}
