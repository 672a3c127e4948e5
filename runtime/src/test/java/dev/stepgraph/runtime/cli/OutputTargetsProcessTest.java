package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What {@code --output} does with what is at the path: links, devices, FIFOs, descriptors. */
@Timeout(120)
class OutputTargetsProcessTest {
  static final List<String> SMALL_OUTPUT =
      List.of(
          "{\"kind\":\"entity\",\"type\":\"user\",\"key\":\"u-0000000\",\"properties\":{\"name\":\"user number 0\"}}",
          "{\"kind\":\"entity\",\"type\":\"user\",\"key\":\"u-0000001\",\"properties\":{\"name\":\"user number 1\"}}",
          "{\"kind\":\"entity\",\"type\":\"role\",\"key\":\"r-1\",\"properties\":{}}");

  @TempDir Path tmp;

  private CliProcess small(String... args) throws IOException {
    return new CliProcess(tmp.resolve("run"), "small").args(args);
  }

  private static boolean isSpecial(Path path) throws IOException {
    return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
  }

  @Test
  void aSymlinkIsFollowedAndItsTargetReplacedBesideIt() throws Exception {
    Path linkDir = Files.createDirectories(tmp.resolve("links"));
    Path realDir = Files.createDirectories(tmp.resolve("real"));
    Path real = Files.writeString(realDir.resolve("inventory.jsonl"), "old\n");
    Path link = Files.createSymbolicLink(linkDir.resolve("out.jsonl"), Path.of("../real/inventory.jsonl"));

    CliProcess process = small("--output", link.toString());

    assertEquals(0, process.run(), process.stderr());
    assertTrue(Files.isSymbolicLink(link), "the link is still a link");
    assertEquals(Path.of("../real/inventory.jsonl"), Files.readSymbolicLink(link));
    assertEquals(SMALL_OUTPUT, Files.readAllLines(real));
    assertEquals(List.of(link), list(linkDir));
    assertEquals(List.of(real), list(realDir), "no temporary file left beside the target");
  }

  @Test
  void aDanglingSymlinkCreatesItsTarget() throws Exception {
    Path real = tmp.resolve("new.jsonl");
    Path link = Files.createSymbolicLink(tmp.resolve("out.jsonl"), real);

    CliProcess process = small("--output", link.toString());

    assertEquals(0, process.run(), process.stderr());
    assertTrue(Files.isSymbolicLink(link));
    assertEquals(SMALL_OUTPUT, Files.readAllLines(real));
  }

  @Test
  void aFifoIsWrittenToAndStaysAFifo() throws Exception {
    Path fifo = tmp.resolve("out.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertTrue(mkfifo.waitFor(60, TimeUnit.SECONDS));
    Assumptions.assumeTrue(mkfifo.exitValue() == 0, "mkfifo is not available");
    ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "fifo-reader");
      thread.setDaemon(true); // a reader never given a writer must not keep the test JVM alive
      return thread;
    });
    try {
      Future<List<String>> read = reader.submit(() -> Files.readAllLines(fifo));
      CliProcess process = small("--output", fifo.toString());

      assertEquals(0, process.run(), process.stderr());
      assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS) && isSpecial(fifo), "still a FIFO");
      assertEquals(SMALL_OUTPUT, read.get(60, TimeUnit.SECONDS));
      assertEquals(List.of(), CliProcess.tempFiles(tmp));
    } finally {
      reader.shutdownNow();
    }
  }

  @Test
  void aSymlinkToDevFullIsWrittenDirectlyAndItsFailureIsExitCode3() throws Exception {
    Path link = Files.createSymbolicLink(tmp.resolve("out.jsonl"), Path.of("/dev/full"));

    CliProcess process = small("--output", link.toString());

    assertEquals(3, process.run(), process.stderr());
    assertEquals(
        "error: cannot write --output " + link + " (/dev/full): No space left on device; it may"
            + " have received part of the output\n",
        lastLine(process.stderr()));
    assertTrue(Files.isSymbolicLink(link), "the link is still a link");
    assertEquals(Path.of("/dev/full"), Files.readSymbolicLink(link));
    assertTrue(isSpecial(Path.of("/dev/full")));
    Files.delete(link); // else @TempDir warns that it leads out of the directory
  }

  @Test
  void devNullIsWrittenDirectly() throws Exception {
    Assumptions.assumeTrue(isSpecial(Path.of("/dev/null")), "/dev/null is not a device here");

    CliProcess process = small("--output", "/dev/null");

    assertEquals(0, process.run(), process.stderr());
    assertEquals("Wrote 3 entities and 0 relationships to /dev/null\n", lastLine(process.stderr()));
    assertTrue(isSpecial(Path.of("/dev/null")), "/dev/null is still a device");
  }

  @Test
  void devFullDirectlyIsExitCode3() throws Exception {
    Assumptions.assumeTrue(isSpecial(Path.of("/dev/full")), "/dev/full is not a device here");

    CliProcess process = small("--output", "/dev/full");

    assertEquals(3, process.run(), process.stderr());
    assertEquals(
        "error: cannot write --output /dev/full: No space left on device; it may have received"
            + " part of the output\n",
        lastLine(process.stderr()));
    assertTrue(isSpecial(Path.of("/dev/full")), "/dev/full is still a device");
  }

  @Test
  void anOpenDescriptorIsWrittenThroughNotReplaced() throws Exception {
    // stdout is a regular file here: replacing it would give it a new inode.
    Path redirected = Files.writeString(tmp.resolve("stdout.jsonl"), "");
    Object inode = Files.readAttributes(redirected, BasicFileAttributes.class).fileKey();
    Assumptions.assumeTrue(inode != null && Files.isSymbolicLink(Path.of("/proc/self/fd/1")),
        "needs /proc/self/fd and inode numbers");

    CliProcess process = small("--output", "/proc/self/fd/1").stdoutTo(redirected);

    assertEquals(0, process.run(), process.stderr());
    assertEquals(inode, Files.readAttributes(redirected, BasicFileAttributes.class).fileKey());
    assertEquals(SMALL_OUTPUT, Files.readAllLines(redirected));
    assertEquals(List.of(), CliProcess.tempFiles(tmp));
  }

  @Test
  void dashWritesToStandardOutput() throws Exception {
    CliProcess process = small("--output", "-");

    assertEquals(0, process.run(), process.stderr());
    assertEquals(String.join("\n", SMALL_OUTPUT) + "\n", process.stdout());
    assertEquals("Wrote 3 entities and 0 relationships to standard output\n", lastLine(process.stderr()));
    assertFalse(Files.exists(process.dir.resolve("-")));
  }

  static String lastLine(String text) {
    List<String> lines = text.lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1) + "\n";
  }

  private static List<Path> list(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  static String read(Path path) throws IOException {
    return Files.readString(path, StandardCharsets.UTF_8);
  }
}
