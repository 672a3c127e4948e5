package dev.stepgraph.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run store that its user may not write or read, in a JVM of its own as user nobody (root is
 * not held back by permissions): exit 2 at start with one line that names the file or directory
 * and what to do, and the store as it was.
 */
class StorePermissionsTest {
  @TempDir Path dir;

  @Test
  void aStateDirectoryThatCannotBeWrittenStopsTheRunAtStart() throws Exception {
    Unprivileged nobody = Unprivileged.in(dir);
    Path state = Files.createDirectory(dir.resolve("state"));
    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));

    JavaProcess.Result result =
        JavaProcess.run(
            nobody.command("true", List.of(), "small", "run", "--state", state.toString()),
            Map.of(), dir, 2);

    assertEquals(2, result.exitCode(), result.stderr());
    assertEquals(
        "error: cannot write the run store " + state + ": permission denied; choose a directory it"
            + " can write with --state DIR, or run without a store with --no-state\n",
        result.stderr());
    assertEquals(List.of(), List.of(state.toFile().list()));
  }

  @Test
  void aManifestThatCannotBeReadStopsAResumeWithItsName() throws Exception {
    Path state = dir.resolve("state");
    JavaProcess.Result recorded =
        JavaProcess.run(
            JavaProcess.command(List.of(), "small", "run", "--state", state.toString(),
                "--run-id", "first"),
            Map.of(), dir, 2);
    assertEquals(0, recorded.exitCode(), recorded.stderr());
    Unprivileged nobody = Unprivileged.in(dir);
    Path manifest = state.resolve("small/runs/first/manifest.jsonl");
    Files.setPosixFilePermissions(manifest, PosixFilePermissions.fromString("---------"));
    byte[] before = Files.readAllBytes(manifest);

    JavaProcess.Result result =
        JavaProcess.run(
            nobody.command("true", List.of(), "small", "run", "--state", state.toString(),
                "--resume"),
            Map.of(), dir, 2);

    assertEquals(2, result.exitCode(), result.stderr());
    assertEquals(
        "error: cannot resume run first: cannot read " + manifest + ": permission denied; make it"
            + " readable, or start a new run without --resume\n",
        result.stderr());
    assertEquals(new String(before), new String(Files.readAllBytes(manifest)));
  }
}
