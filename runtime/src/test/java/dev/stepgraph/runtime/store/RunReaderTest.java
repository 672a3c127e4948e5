package dev.stepgraph.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.run.StepStatus;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RunStore#read}: a recorded run read without the lock, checked as a resume checks it. */
class RunReaderTest {
  private static final Instant T0 = Instant.parse("2026-12-01T20:45:12Z");
  private static final String FP = "0123456789abcdef0123456789abcdef";
  private static final Map<String, String> FPS = Map.of("users", FP, "quiet", FP, "roles", FP);
  private static final List<Entity> USERS =
      List.of(Entity.of("user", "u-0").with("name", "Ada"), Entity.of("user", "u-1"));
  private static final List<Relationship> KNOWS = List.of(Relationship.of("knows", "u-0", "u-1"));

  @TempDir Path dir;

  private RunStore store() {
    return RunStore.directory(dir.resolve("state"));
  }

  private Path run(String runId) {
    return dir.resolve("state/inventory/runs").resolve(runId);
  }

  private static StepRecord users(int session, StepRecord.DataFile file) {
    return new StepRecord("users", session, StepStatus.SUCCEEDED, FP, 1, Map.of("user", 2), 1,
        null, null, file);
  }

  /** Records users (2 entities, 1 relationship) and a skipped step, and ends the session. */
  private void record(RunStore store, String runId, Instant started) {
    try (RunRecording recording = store.create("inventory", runId, started, List.of(), FPS)) {
      recording.commit(List.of(
          users(1, recording.write("users", USERS, KNOWS)),
          new StepRecord("quiet", 1, StepStatus.SKIPPED, FP, 1, Map.of(), 0, "no new rows", null,
              null)));
      recording.finish(List.of(), started.plusSeconds(2), false);
    }
  }

  @Test
  void aReaderListsTheRecordedStepsAndReadsTheirData() {
    RunStore store = store();
    record(store, "r1", T0);

    RunReader reader = store.read("inventory", "r1");

    assertEquals("r1", reader.run().runId());
    assertEquals(List.of("users", "quiet"), List.copyOf(reader.run().steps().keySet()));
    StepData users = reader.read(reader.run().step("users").orElseThrow());
    assertEquals(USERS, users.entities());
    assertEquals(KNOWS, users.relationships());
    StepData quiet = reader.read(reader.run().step("quiet").orElseThrow());
    assertEquals(List.of(), quiet.entities(), "a skipped step has no file, and no data");
    assertEquals(run("r1").resolve("steps/users.1.jsonl").toString(),
        reader.describe(reader.run().step("users").orElseThrow().file()));
    assertEquals("r1", store.read("inventory", null).run().runId(), "null reads the latest");
  }

  @Test
  void aReaderNeitherWaitsForAWriterNorHoldsOneUp() throws Exception {
    RunStore store = store();
    record(store, "r1", T0);
    RunReader before = store.read("inventory", "r1");

    // A resume holds the connector's lock: a reader that took it would fail here, LOCKED.
    try (RunRecording writer = store.resume("inventory", "r1", T0.plusSeconds(5), List.of(), FPS)) {
      RunReader during = store.read("inventory", "r1");
      assertEquals(2, during.run().sessions().size(), "the writer's session has started");
      assertNull(during.run().lastSession().ended());
      assertEquals(USERS, during.read(during.run().step("users").orElseThrow()).entities());

      StepRecord.DataFile roles = writer.write("roles", List.of(Entity.of("role", "admin")), List.of());
      // An append being written: the reader leaves its unfinished line out, as a crash's.
      Path manifest = run("r1").resolve("manifest.jsonl");
      long committed = Files.size(manifest);
      try (FileChannel channel = FileChannel.open(manifest, StandardOpenOption.APPEND)) {
        channel.write(ByteBuffer.wrap("{\"step\":\"roles\",\"sess".getBytes(StandardCharsets.UTF_8)));
      }
      assertEquals(List.of("users", "quiet"),
          List.copyOf(store.read("inventory", "r1").run().steps().keySet()));
      try (FileChannel channel = FileChannel.open(manifest, StandardOpenOption.WRITE)) {
        channel.truncate(committed);
      }

      writer.commit(List.of(new StepRecord("roles", 2, StepStatus.SUCCEEDED, FP, 1,
          Map.of("role", 1), 0, null, null, roles)));
      assertEquals(List.of("users", "quiet"), List.copyOf(during.run().steps().keySet()),
          "a reader keeps the manifest it read");
      RunReader after = store.read("inventory", "r1");
      assertEquals(List.of(Entity.of("role", "admin")),
          after.read(after.run().step("roles").orElseThrow()).entities());
      writer.finish(List.of(), T0.plusSeconds(6), false);
    }
    assertEquals(USERS, before.read(before.run().step("users").orElseThrow()).entities(),
        "a reader made before the writer started still reads");
  }

  @Test
  void anUnknownRunIsANothingToResumeProblemNamingTheRunsTheStoreHolds() {
    RunStore store = store();
    RunStoreException none = assertThrows(RunStoreException.class, () -> store.read("inventory", null));
    assertEquals(RunStoreException.Problem.NOTHING_TO_RESUME, none.problem());
    assertEquals("the run store " + dir.resolve("state") + " holds no run of inventory",
        none.getMessage());

    record(store, "r1", T0);
    record(store, "r2", T0.plusSeconds(10));
    RunStoreException unknown =
        assertThrows(RunStoreException.class, () -> store.read("inventory", "r3"));
    assertEquals(RunStoreException.Problem.NOTHING_TO_RESUME, unknown.problem());
    assertEquals("the run store " + dir.resolve("state") + " holds no run r3 of inventory; did you"
        + " mean 'r2'? (runs, newest first: r2, r1)", unknown.getMessage());
    assertThrows(RunStoreException.class, () -> store.read("inventory", "../inventory/runs/r1"),
        "only the runs it lists are read");
  }

  @Test
  void aDamagedOrNewerManifestIsToldInOneLine() throws Exception {
    RunStore store = store();
    record(store, "r1", T0);
    Path manifest = run("r1").resolve("manifest.jsonl");
    String whole = Files.readString(manifest);

    Files.writeString(manifest, whole.replace("\"attempts\":1,\"entities\"", "\"attempts\":9,\"entities\""));
    RunStoreException damaged = assertThrows(RunStoreException.class, () -> store.read("inventory", "r1"));
    assertEquals(RunStoreException.Problem.DAMAGED_MANIFEST, damaged.problem());
    assertEquals("cannot read run r1: " + manifest + " is damaged at line 4: it fails its checksum;"
        + " record the run again", damaged.getMessage());

    List<String> lines = new ArrayList<>(List.of(whole.split("\n")));
    lines.set(0, "{\"format\":2,\"connector\":\"inventory\",\"run\":\"r1\"}");
    Files.write(manifest, lines);
    RunStoreException newer = assertThrows(RunStoreException.class, () -> store.read("inventory", "r1"));
    assertEquals(RunStoreException.Problem.NEWER_FORMAT, newer.problem());
    assertEquals("cannot read run r1: " + manifest + " is of format 2, newer than this runtime reads"
        + " (format 1); read it with a newer Stepgraph, or record the run again", newer.getMessage());
  }

  @Test
  void aStepFileThatFailsItsChecksumOrIsTruncatedOrMissingIsDamaged() throws Exception {
    RunStore store = store();
    record(store, "r1", T0);
    Path file = run("r1").resolve("steps/users.1.jsonl");
    byte[] whole = Files.readAllBytes(file);
    RunReader reader = store.read("inventory", "r1");
    StepRecord users = reader.run().step("users").orElseThrow();

    Files.writeString(file, new String(whole, StandardCharsets.UTF_8).replace("Ada", "Bob"));
    RunStoreException checksum = assertThrows(RunStoreException.class, () -> reader.read(users));
    assertEquals(RunStoreException.Problem.DAMAGED_STEP, checksum.problem());
    assertTrue(checksum.getMessage().matches(
        "\\Q" + file + " fails its checksum (crc32c:\\E[0-9a-f]{8}, recorded crc32c:[0-9a-f]{8}\\)"),
        checksum.getMessage());

    Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 3));
    assertEquals(file + " is truncated: it has " + (whole.length - 3) + " of its " + whole.length
        + " bytes", assertThrows(RunStoreException.class, () -> reader.read(users)).getMessage());

    Files.delete(file);
    assertEquals(file + " is missing",
        assertThrows(RunStoreException.class, () -> reader.read(users)).getMessage());
  }

  @Test
  void aFileAWriterRemovedAfterTheManifestWasReadSaysWhy() {
    RunStore store = RunStore.directory(dir.resolve("state"), 1);
    record(store, "r1", T0);
    RunReader reader = store.read("inventory", "r1");
    StepRecord users = reader.run().step("users").orElseThrow();

    // A resume that records users again removes the file of its earlier record when it ends.
    try (RunRecording writer = store.resume("inventory", "r1", T0.plusSeconds(5), List.of(), FPS)) {
      writer.finish(List.of(users(2, writer.write("users", USERS, KNOWS))), T0.plusSeconds(6), false);
    }
    Path file = run("r1").resolve("steps/users.1.jsonl");
    assertEquals(file + " is missing: step 'users' was recorded again after run r1 was read; read"
        + " the run again", assertThrows(RunStoreException.class, () -> reader.read(users)).getMessage());
    RunReader again = store.read("inventory", "r1");
    assertEquals(USERS, again.read(again.run().step("users").orElseThrow()).entities());

    // A store that keeps one run removes r1 when r2 ends.
    record(store, "r2", T0.plusSeconds(10));
    assertEquals(run("r1").resolve("steps/users.2.jsonl") + " is missing: run r1 was removed from"
        + " the store after it was read (the store keeps the last runs of each connector)",
        assertThrows(RunStoreException.class,
            () -> again.read(again.run().step("users").orElseThrow())).getMessage());
  }
}
