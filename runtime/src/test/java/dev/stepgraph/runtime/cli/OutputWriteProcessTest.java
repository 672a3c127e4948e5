package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Writing {@code --output} in a real process: a full disk, an interrupt in the middle of a long
 * write, a run killed while writing, and what reaches the disk in which order.
 */
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

  @ParameterizedTest
  @CsvSource({"INT, 130", "TERM, 143"})
  void aSignalDuringALongWriteAbandonsItWhenTheWaitRunsOut(String signal, int expectedExit)
      throws Exception {
    if (signal.equals("INT")) {
      CliProcess.assumeSigintIsDelivered();
    }
    outputDirectory();
    Files.writeString(output, "old\n");
    // The write stops at line 1000 for good; the handler waits 500 ms for it, then gives up.
    CliProcess process =
        process("run", "small", ENTITIES, "hold-write=1000", "stop-wait=500")
            .args("--output", output.toString())
            .start();
    process.awaitMarker("writing");
    assertEquals(1, CliProcess.tempFiles(out).size(), "the write is under way");

    process.kill(signal);

    assertEquals(expectedExit, process.waitFor(), process.stderr());
    List<String> err = process.stderr().lines().toList();
    assertTrue(
        err.contains("Interrupted while writing --output " + output
            + ": waiting up to 500ms for the write to finish"),
        process.stderr());
    assertEquals(
        "error: interrupted while writing --output " + output
            + ": the write was abandoned; the previous file is unchanged",
        err.get(err.size() - 1));
    assertEquals("old\n", Files.readString(output));
    assertEquals(List.of(), CliProcess.tempFiles(out), "the temporary file was removed");
  }

  @Test
  void ctrlCDuringAWriteThatFinishesInTimeWritesItAll() throws Exception {
    CliProcess.assumeSigintIsDelivered();
    outputDirectory();
    CliProcess process =
        process("run", "small", ENTITIES, "hold-write=1000")
            .args("--output", output.toString())
            .start();
    process.awaitMarker("writing");

    process.kill("INT");
    process.awaitMarker("interrupted");
    Files.writeString(process.dir.resolve("release"), "");

    assertEquals(130, process.waitFor(), process.stderr());
    assertEquals(
        "Wrote 20001 entities and 0 relationships to " + output + "\n",
        OutputTargetsProcessTest.lastLine(process.stderr()));
    List<String> lines = Files.readAllLines(output);
    assertEquals(20001, lines.size());
    assertEquals("{\"kind\":\"entity\",\"type\":\"role\",\"key\":\"r-1\",\"properties\":{}}",
        lines.get(20000));
    assertEquals(List.of(), CliProcess.tempFiles(out));
  }

  @Test
  void aTemporaryFileLeftByAKilledRunIsRemovedByTheNextRun() throws Exception {
    outputDirectory();
    CliProcess killed =
        process("killed", "small", ENTITIES, "hold-write=1000")
            .args("--output", output.toString())
            .start();
    killed.awaitMarker("writing");
    killed.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
    assertTrue(killed.process().waitFor(CliProcess.TIMEOUT_SECONDS, TimeUnit.SECONDS));
    List<String> left = CliProcess.tempFiles(out);
    assertEquals(1, left.size(), "kill -9 left the temporary file");

    CliProcess next = process("next", "small").args("--output", output.toString());

    assertEquals(0, next.run(), next.stderr());
    assertEquals(List.of(), CliProcess.tempFiles(out));
    assertTrue(
        next.stderr().startsWith(
            "Removed " + out.resolve(left.get(0)) + ", left by an earlier run that did not finish\n"),
        next.stderr());
    assertEquals(OutputTargetsProcessTest.SMALL_OUTPUT, Files.readAllLines(output));
  }

  @Test
  void aTemporaryFileThatAnotherRunHoldsLockedIsLeftAlone() throws Exception {
    outputDirectory();
    Path live = out.resolve(".out.jsonl.1234abcd.tmp");
    Path stale = out.resolve(".out.jsonl.5678ef.tmp");
    Path otherOutput = out.resolve(".other.jsonl.9abc.tmp");
    Files.writeString(stale, "stale");
    Files.writeString(otherOutput, "another output's");
    try (FileChannel channel =
            FileChannel.open(live, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      CliProcess process = process("run", "small").args("--output", output.toString());

      assertEquals(0, process.run(), process.stderr());
      assertTrue(Files.exists(live), "a temporary file another process holds locked stays");
      assertTrue(Files.exists(otherOutput), "another output's temporary file stays");
      assertEquals(List.of(".other.jsonl.9abc.tmp", ".out.jsonl.1234abcd.tmp"), CliProcess.tempFiles(out));
      assertTrue(lock.isValid());
    }
  }

  @Test
  void theTemporaryFileIsSyncedBeforeTheRenameAndTheDirectoryAfter() throws Exception {
    outputDirectory();
    Files.writeString(output, "old\n");
    Path trace = tmp.resolve("trace.txt");
    CliProcess process = process("run", "small").args("--output", output.toString());
    process.tracedBy(
        "strace", "-f", "-qq", "-y", "-o", trace.toString(),
        "-e", "trace=fsync,fdatasync,rename,renameat,renameat2");
    assumeStraceWorks();

    assertEquals(0, process.run(), process.stderr());

    List<String> events = new ArrayList<>();
    Path real = out.toRealPath();
    String temp = Pattern.quote(real + "/.out.jsonl.") + "[0-9a-f]+\\.tmp";
    Pattern syncTemp = Pattern.compile("\\d+ +f(data)?sync\\(\\d+<" + temp + ">\\) += 0");
    Pattern rename =
        Pattern.compile("\\d+ +rename.*\"" + temp + "\".*\"" + Pattern.quote(real + "/out.jsonl")
            + "\".*= 0");
    Pattern syncDirectory =
        Pattern.compile("\\d+ +f(data)?sync\\(\\d+<" + Pattern.quote(real.toString()) + ">\\) += 0");
    for (String line : Files.readAllLines(trace)) {
      if (syncTemp.matcher(line).matches()) {
        events.add("sync temp");
      } else if (rename.matcher(line).matches()) {
        events.add("rename");
      } else if (syncDirectory.matcher(line).matches()) {
        events.add("sync directory");
      }
    }
    assertEquals(List.of("sync temp", "rename", "sync directory"), events, Files.readString(trace));
  }

  private void assumeStraceWorks() throws Exception {
    Process probe;
    try {
      probe = new ProcessBuilder("strace", "-f", "-qq", "-o", "/dev/null", "true")
          .redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("strace is not installed: cannot observe fsync");
      return;
    }
    probe.getInputStream().readAllBytes();
    assertTrue(probe.waitFor(CliProcess.TIMEOUT_SECONDS, TimeUnit.SECONDS));
    Assumptions.assumeTrue(probe.exitValue() == 0, "strace cannot trace here (no ptrace)");
  }

  private static List<Path> list(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}
