package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.Entity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --output} is checked before any step runs: what cannot be written is exit code 2 with one
 * line, and no step has collected anything to lose. (Tests run as root in CI, which ignores
 * permission bits: unwritable places here are ones that even root cannot write.)
 */
@Timeout(120)
class OutputChecksTest {
  @TempDir Path dir;
  private final AtomicBoolean ran = new AtomicBoolean();

  private ConnectorGraph graph() {
    return ConnectorGraph.builder("checks", "")
        .step("users", "", List.of(), 0, ctx -> {
          ran.set(true);
          ctx.emit(Entity.of("user", "u-1"));
        })
        .build();
  }

  private void assertRejectedBeforeTheRun(String error, String... args) {
    Terminal terminal = new Terminal();

    int exit = terminal.run(graph(), args);

    assertEquals("error: " + error + "\nRun 'ConnectorMain --help' for usage.\n", terminal.err());
    assertEquals(2, exit);
    assertFalse(ran.get(), "no step ran");
    assertEquals("", terminal.out());
  }

  @Test
  void anEmptyOutput() {
    assertRejectedBeforeTheRun(
        "--output is empty: give a file name, or - for standard output", "--output", "");
  }

  @Test
  void theRootDirectory() {
    assertRejectedBeforeTheRun("cannot write --output /: it is a directory", "--output", "/");
  }

  @Test
  void aDirectory() {
    assertRejectedBeforeTheRun(
        "cannot write --output " + dir + ": it is a directory", "--output", dir.toString());
  }

  @Test
  void aNameEndingInASlash() {
    String value = dir.resolve("missing") + "/";
    assertRejectedBeforeTheRun(
        "cannot write --output " + value + ": directory " + value + " does not exist",
        "--output", value);
  }

  @Test
  void aMissingDirectory() {
    Path missing = dir.resolve("missing");
    assertRejectedBeforeTheRun(
        "cannot write --output " + missing + "/out.jsonl: directory " + missing + " does not exist",
        "--output", missing + "/out.jsonl");
  }

  @Test
  void aParentThatIsAFile() throws IOException {
    Path file = Files.writeString(dir.resolve("file.txt"), "");
    assertRejectedBeforeTheRun(
        "cannot write --output " + file + "/out.jsonl: " + file + " is not a directory",
        "--output", file + "/out.jsonl");
  }

  @Test
  void aDirectoryNobodyCanCreateFilesIn() {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc");
    assertRejectedBeforeTheRun(
        "cannot write --output /proc/self/out.jsonl: cannot create files in /proc/"
            + ProcessHandle.current().pid() + ": no such file or directory",
        "--output", "/proc/self/out.jsonl");
  }

  @Test
  void anImmutableDirectory() throws Exception {
    Path immutable = Files.createDirectories(dir.resolve("immutable"));
    Process chattr = new ProcessBuilder("chattr", "+i", immutable.toString()).start();
    boolean made = chattr.waitFor(60, TimeUnit.SECONDS) && chattr.exitValue() == 0;
    Assumptions.assumeTrue(made, "chattr +i does not work here (not installed, no"
        + " CAP_LINUX_IMMUTABLE, or a file system without the flag)");
    try {
      assertRejectedBeforeTheRun(
          "cannot write --output " + immutable + "/out.jsonl: cannot create files in " + immutable
              + ": Operation not permitted",
          "--output", immutable + "/out.jsonl");
    } finally {
      new ProcessBuilder("chattr", "-i", immutable.toString()).start().waitFor(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void standardOutputForBothTheOutputAndTheJsonEvents() {
    assertRejectedBeforeTheRun(
        "--output - and --events json would both write to standard output: send one of them to a"
            + " file",
        "--output", "-", "--events", "json");
  }

  @Test
  void theOutputIsCheckedLast() {
    // A FIFO opens only when its reader comes: every other check goes first.
    assertRejectedBeforeTheRun(
        "unknown step 'nope' (steps: users)", "--output", dir.resolve("x/out.jsonl").toString(),
        "--step", "nope");
  }
}
