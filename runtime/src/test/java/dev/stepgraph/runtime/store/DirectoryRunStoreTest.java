package dev.stepgraph.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.run.StepStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryRunStoreTest {
  private static final Instant T0 = Instant.parse("2026-12-01T20:45:12Z");
  private static final String FP = "0123456789abcdef0123456789abcdef";
  private static final Map<String, String> FPS = new java.util.LinkedHashMap<>();

  static {
    FPS.put("users", FP);
    FPS.put("quiet", FP);
    FPS.put("things", FP);
  }

  @TempDir Path dir;

  private Path store() {
    return dir.resolve("state");
  }

  private static List<Entity> users(int n) {
    List<Entity> users = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      users.add(Entity.of("user", "u-" + i).with("name", "user " + i));
    }
    return users;
  }

  private static StepRecord succeeded(
      String step, int session, StepRecord.DataFile file, Map<String, Integer> counts,
      int relationships) {
    return new StepRecord(
        step, session, StepStatus.SUCCEEDED, FP, 1, counts, relationships, null, null, file);
  }

  /** Records users (3 entities, 1 relationship) and a skipped step, then ends the session. */
  private void recordFirstRun(RunStore store) {
    try (RunRecording recording = store.create("inventory", "r1", T0, List.of(), FPS)) {
      StepRecord.DataFile file =
          recording.write("users", users(3), List.of(Relationship.of("knows", "u-0", "u-1")));
      recording.commit(
          List.of(
              succeeded("users", 1, file, Map.of("user", 3), 1),
              new StepRecord("quiet", 1, StepStatus.SKIPPED, FP, 1, Map.of(), 0, "no new rows",
                  null, null)));
      recording.finish(List.of(), T0.plusSeconds(2), false);
    }
  }

  private Path run(String runId) {
    return store().resolve("inventory").resolve("runs").resolve(runId);
  }

  @Test
  void aStepFileIsJsonLinesAsOutputWritesThemAndTheManifestRecordsItsChecksum() throws Exception {
    RunStore store = RunStore.directory(store());

    recordFirstRun(store);

    assertEquals(
        List.of(
            "{\"kind\":\"entity\",\"type\":\"user\",\"key\":\"u-0\",\"properties\":{\"name\":\"user 0\"}}",
            "{\"kind\":\"entity\",\"type\":\"user\",\"key\":\"u-1\",\"properties\":{\"name\":\"user 1\"}}",
            "{\"kind\":\"entity\",\"type\":\"user\",\"key\":\"u-2\",\"properties\":{\"name\":\"user 2\"}}",
            "{\"kind\":\"relationship\",\"type\":\"knows\",\"from\":\"u-0\",\"to\":\"u-1\",\"properties\":{}}"),
        Files.readAllLines(run("r1").resolve("steps/users.1.jsonl")));
    List<String> manifest = Files.readAllLines(run("r1").resolve("manifest.jsonl"));
    List<String> withoutCrc = manifest.stream().map(l -> l.replaceAll(",\"crc\":\"[0-9a-f]{8}\"}$", "}")).toList();
    long bytes = Files.size(run("r1").resolve("steps/users.1.jsonl"));
    assertEquals(
        List.of(
            "{\"format\":1,\"connector\":\"inventory\",\"run\":\"r1\"}",
            "{\"session\":1,\"started\":\"2026-12-01T20:45:12Z\",\"process\":"
                + ProcessHandle.current().pid() + "}",
            "{\"session\":1,\"fingerprints\":{\"users\":\"" + FP + "\",\"quiet\":\"" + FP
                + "\",\"things\":\"" + FP + "\"}}",
            "{\"step\":\"users\",\"session\":1,\"status\":\"succeeded\","
                + "\"attempts\":1,\"entities\":{\"user\":3},\"relationships\":1,"
                + "\"file\":\"steps/users.1.jsonl\",\"bytes\":" + bytes + ",\"checksum\":\"crc32c:"
                + crc32c(run("r1").resolve("steps/users.1.jsonl")) + "\"}",
            "{\"step\":\"quiet\",\"session\":1,\"status\":\"skipped\","
                + "\"attempts\":1,\"reason\":\"no new rows\"}",
            "{\"session\":1,\"ended\":\"2026-12-01T20:45:14Z\",\"cancelled\":false}"),
        withoutCrc);
    for (String line : manifest) {
      assertTrue(line.matches(".*,\"crc\":\"[0-9a-f]{8}\"}$"), line);
    }
    try (Stream<Path> files = Files.list(run("r1").resolve("steps"))) {
      assertEquals(List.of("users.1.jsonl"), files.map(p -> p.getFileName().toString()).toList(),
          "no temporary file is left, and a step without data has no file");
    }
  }

  private static String crc32c(Path file) throws IOException {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(Files.readAllBytes(file));
    return String.format("%08x", crc.getValue());
  }

  @Test
  void aResumeReadsWhatWasRecordedAndKeepsTheHistoryOfEverySession() {
    RunStore store = RunStore.directory(store());
    recordFirstRun(store);

    try (RunRecording second = store.resume("inventory", null, T0.plusSeconds(60), List.of("users"), FPS)) {
      assertEquals(2, second.session());
      RecordedRun run = second.run();
      assertEquals("r1", run.runId());
      assertEquals(List.of("users", "quiet"), List.copyOf(run.steps().keySet()));
      StepRecord users = run.step("users").orElseThrow();
      StepData data = second.read(users);
      assertEquals(users(3), data.entities());
      assertEquals(List.of(Relationship.of("knows", "u-0", "u-1")), data.relationships());
      assertEquals("no new rows", run.step("quiet").orElseThrow().skipReason());
      // users runs again and fails this time: its record goes with the session's end
      second.finish(List.of(new StepRecord("users", 2, StepStatus.FAILED, FP, 3, Map.of(), 0,
          null, "java.lang.IllegalStateException", null)), T0.plusSeconds(61), true);
    }

    RecordedRun run = store.runs("inventory").get(0).recorded();
    assertEquals(3, run.records().size(), "every record is kept");
    assertEquals(StepStatus.FAILED, run.step("users").orElseThrow().status());
    assertEquals(3, run.step("users").orElseThrow().attempts());
    assertEquals(
        List.of(
            new RecordedRun.Session(1, T0, T0.plusSeconds(2), false, ProcessHandle.current().pid(),
                List.of(), FPS),
            new RecordedRun.Session(2, T0.plusSeconds(60), T0.plusSeconds(61), true,
                ProcessHandle.current().pid(), List.of("users"), FPS)),
        run.sessions());
    assertFalse(Files.exists(run("r1").resolve("steps/users.1.jsonl")),
        "the file of a superseded record is removed");
  }

  @Test
  void aStepFileTruncatedAtEveryByteOffsetOfItsLastRecordIsDetected() throws Exception {
    RunStore store = RunStore.directory(store());
    recordFirstRun(store);
    Path file = run("r1").resolve("steps/users.1.jsonl");
    byte[] whole = Files.readAllBytes(file);
    int lastLine = new String(whole, StandardCharsets.UTF_8).stripTrailing().lastIndexOf('\n') + 1;

    for (int length = lastLine; length < whole.length; length++) {
      Files.write(file, java.util.Arrays.copyOf(whole, length));
      try (RunRecording resumed = store.resume("inventory", "r1", T0, List.of(), FPS)) {
        StepRecord users = resumed.run().step("users").orElseThrow();
        RunStoreException e = assertThrows(RunStoreException.class, () -> resumed.read(users));
        assertEquals(RunStoreException.Problem.DAMAGED_STEP, e.problem());
        assertEquals(file + " is truncated: it has " + length + " of its " + whole.length
            + " bytes", e.getMessage());
      }
      Files.write(file, whole); // the next resume's cleanup keeps it: its record names it
    }
  }

  @Test
  void aStepFileThatFailsItsChecksumOrIsCorruptIsDetected() throws Exception {
    RunStore store = RunStore.directory(store());
    recordFirstRun(store);
    Path file = run("r1").resolve("steps/users.1.jsonl");
    String whole = Files.readString(file);

    Files.writeString(file, whole.replace("user 1", "user 7"));
    try (RunRecording resumed = store.resume("inventory", "r1", T0, List.of(), FPS)) {
      RunStoreException e =
          assertThrows(RunStoreException.class,
              () -> resumed.read(resumed.run().step("users").orElseThrow()));
      assertTrue(e.getMessage().matches(
          "\\Q" + file + " fails its checksum (crc32c:\\E[0-9a-f]{8}, recorded crc32c:[0-9a-f]{8}\\)"),
          e.getMessage());
    }

    Files.writeString(file, whole.replace("\"user 2\"}}", "\"user 2\"}]"));
    try (RunRecording resumed = store.resume("inventory", "r1", T0, List.of(), FPS)) {
      RunStoreException e =
          assertThrows(RunStoreException.class,
              () -> resumed.read(resumed.run().step("users").orElseThrow()));
      assertEquals(RunStoreException.Problem.DAMAGED_STEP, e.problem());
      assertEquals(file + " is corrupt at line 3: it is not JSON Lines", e.getMessage());
    }

    Files.delete(file);
    try (RunRecording resumed = store.resume("inventory", "r1", T0, List.of(), FPS)) {
      RunStoreException e =
          assertThrows(RunStoreException.class,
              () -> resumed.read(resumed.run().step("users").orElseThrow()));
      assertEquals(file + " is missing", e.getMessage());
    }
  }

  @Test
  void aManifestOfANewerFormatIsNotResumed() throws Exception {
    RunStore store = RunStore.directory(store());
    recordFirstRun(store);
    Path manifest = run("r1").resolve("manifest.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(manifest));
    lines.set(0, "{\"format\":2,\"connector\":\"inventory\",\"run\":\"r1\",\"checks\":\"sha-512\"}");
    Files.write(manifest, lines);

    RunStoreException e =
        assertThrows(RunStoreException.class, () -> store.resume("inventory", null, T0, List.of(), FPS));

    assertEquals(RunStoreException.Problem.NEWER_FORMAT, e.problem());
    assertEquals(
        "cannot resume run r1: " + manifest + " is of format 2, newer than this runtime reads"
            + " (format 1); resume it with a newer Stepgraph, or start a new run",
        e.getMessage());
    assertEquals(lines, Files.readAllLines(manifest), "a manifest it cannot read is left alone");
    assertEquals(manifest + " is of format 2, newer than this runtime reads (format 1)",
        store.runs("inventory").get(0).problem());
  }

  @Test
  void aDamagedOrTruncatedManifestIsNotResumed() throws Exception {
    RunStore store = RunStore.directory(store());
    recordFirstRun(store);
    Path manifest = run("r1").resolve("manifest.jsonl");
    String whole = Files.readString(manifest);

    Files.writeString(manifest, whole.replace("\"attempts\":1,\"entities\"", "\"attempts\":9,\"entities\""));
    RunStoreException changed =
        assertThrows(RunStoreException.class, () -> store.resume("inventory", "r1", T0, List.of(), FPS));
    assertEquals(RunStoreException.Problem.DAMAGED_MANIFEST, changed.problem());
    assertEquals("cannot resume run r1: " + manifest + " is damaged at line 4: it fails its checksum;"
        + " start a new run, or remove " + run("r1") + " and its runs start afresh",
        changed.getMessage());

    Files.writeString(manifest, whole.substring(0, 20));
    RunStoreException truncated =
        assertThrows(RunStoreException.class, () -> store.resume("inventory", "r1", T0, List.of(), FPS));
    assertEquals("cannot resume run r1: " + manifest + " is truncated: it holds no complete line;"
        + " start a new run, or remove " + run("r1") + " and its runs start afresh",
        truncated.getMessage());

    Files.writeString(manifest, "\u0000\u0000garbage\n" + whole);
    RunStoreException garbage =
        assertThrows(RunStoreException.class, () -> store.resume("inventory", "r1", T0, List.of(), FPS));
    assertTrue(garbage.getMessage().startsWith(
        "cannot resume run r1: " + manifest + " is damaged at line 1: it is not JSON: "), garbage.getMessage());
  }

  @Test
  void anAppendACrashCutShortIsLeftOutAndRemovedOnResume() throws Exception {
    RunStore store = RunStore.directory(store());
    recordFirstRun(store);
    Path manifest = run("r1").resolve("manifest.jsonl");
    byte[] whole = Files.readAllBytes(manifest);
    byte[] torn = "{\"step\":\"roles\",\"session\":1,\"sta".getBytes(StandardCharsets.UTF_8);
    try (FileChannel channel = FileChannel.open(manifest, StandardOpenOption.APPEND)) {
      channel.write(ByteBuffer.wrap(torn));
    }

    try (RunRecording resumed = store.resume("inventory", "r1", T0.plusSeconds(9), List.of(), FPS)) {
      assertEquals(List.of("users", "quiet"), List.copyOf(resumed.run().steps().keySet()));
      resumed.finish(List.of(), T0.plusSeconds(10), false);
    }

    String after = Files.readString(manifest);
    assertTrue(after.startsWith(new String(whole, StandardCharsets.UTF_8) + "{\"session\":2,"), after);
    assertFalse(after.contains("roles"), after);
  }

  @Test
  void aSecondWriterOfTheSameConnectorIsRefusedNamingTheRunAndItsProcess() {
    RunStore store = RunStore.directory(store());
    try (RunRecording first = store.create("inventory", "r1", T0, List.of(), FPS)) {
      RunStoreException e =
          assertThrows(RunStoreException.class, () -> store.create("inventory", "r2", T0, List.of(), FPS));
      assertEquals(RunStoreException.Problem.LOCKED, e.problem());
      assertEquals(
          "the run store " + store() + " is in use: run r1 (process " + ProcessHandle.current().pid()
              + ") of inventory is running; one run of a connector writes to a store at a time",
          e.getMessage());
      // Another connector has a lock of its own.
      store.create("other", "r1", T0, List.of(), FPS).close();
    }
    store.create("inventory", "r2", T0, List.of(), FPS).close(); // released on close
  }

  @Test
  void anUnwritableDirectoryIsToldAtStart() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "");
    RunStore store = RunStore.directory(file.resolve("state"));

    RunStoreException e =
        assertThrows(RunStoreException.class, () -> store.create("inventory", "r1", T0, List.of(), FPS));

    assertEquals(RunStoreException.Problem.UNWRITABLE, e.problem());
    assertEquals("cannot write the run store " + file.resolve("state") + ": "
        + e.getMessage().substring(e.getMessage().lastIndexOf(": ") + 2), e.getMessage());
    assertTrue(e.getMessage().endsWith(": Not a directory"), e.getMessage());
  }

  @Test
  void anImmutableDirectoryIsToldAtStart() throws Exception {
    Path immutable = Files.createDirectories(store());
    Process chattr = new ProcessBuilder("chattr", "+i", immutable.toString()).start();
    boolean made = chattr.waitFor(60, TimeUnit.SECONDS) && chattr.exitValue() == 0;
    Assumptions.assumeTrue(made, "chattr +i does not work here");
    try {
      RunStoreException e =
          assertThrows(RunStoreException.class,
              () -> RunStore.directory(immutable).create("inventory", "r1", T0, List.of(), FPS));
      assertEquals("cannot write the run store " + immutable + ": Operation not permitted",
          e.getMessage());
    } finally {
      new ProcessBuilder("chattr", "-i", immutable.toString()).start().waitFor(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void nothingToResumeSaysSoAndSuggestsARunId() {
    RunStore store = RunStore.directory(store());
    RunStoreException none =
        assertThrows(RunStoreException.class, () -> store.resume("inventory", null, T0, List.of(), FPS));
    assertEquals(RunStoreException.Problem.NOTHING_TO_RESUME, none.problem());
    assertEquals("nothing to resume: the run store " + store() + " holds no run of inventory",
        none.getMessage());
    assertFalse(Files.exists(store()), "nothing is written for it");

    recordFirstRun(store);
    RunStoreException unknown =
        assertThrows(RunStoreException.class, () -> store.resume("inventory", "r2", T0, List.of(), FPS));
    assertEquals("nothing to resume: the run store " + store() + " holds no run r2 of inventory;"
        + " did you mean 'r1'? (runs, newest first: r1)", unknown.getMessage());
  }

  @Test
  void aNewRunCannotTakeTheIdOfARecordedOne() {
    RunStore store = RunStore.directory(store());
    recordFirstRun(store);
    RunStoreException e =
        assertThrows(RunStoreException.class, () -> store.create("inventory", "r1", T0, List.of(), FPS));
    assertEquals(RunStoreException.Problem.RUN_EXISTS, e.problem());
    assertEquals("the run store " + store() + " already holds run r1 of inventory: resume it, or"
        + " give the new run another id", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> store.create("inventory", "../escape", T0, List.of(), FPS));
  }

  @Test
  void theStoreKeepsTheLastRunsOfAConnectorNewestFirst() throws InterruptedException {
    RunStore store = RunStore.directory(store(), 3);
    for (int i = 1; i <= 5; i++) {
      try (RunRecording recording = store.create("inventory", "r" + i, T0.plusSeconds(i), List.of(), FPS)) {
        recording.finish(List.of(), T0.plusSeconds(i).plusMillis(500), false);
      }
    }
    List<String> ids = store.runs("inventory").stream().map(RunSummary::runId).toList();
    assertEquals(List.of("r5", "r4", "r3"), ids);
    Path runs = store().resolve("inventory/runs");
    assertEquals(List.of("r3", "r4", "r5"), visible(runs));
    // What retention renamed away, a later session deletes, beside its steps: on a thread of its
    // own, which would race this deletion.
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals("stepgraph-store-cleanup")) {
        thread.join();
      }
    }
    DirectoryRecording.deleteRemoved(runs);
    assertEquals(List.of("r3", "r4", "r5"), list(runs));
  }

  @Test
  void aRunKilledWhileItStartedLeavesNoRun() throws Exception {
    RunStore store = RunStore.directory(store());
    Files.createDirectories(run("r0").resolve("steps"));
    assertEquals(List.of(), store.runs("inventory"));
    recordFirstRun(store);
    assertEquals(List.of("r1"), visible(store().resolve("inventory/runs")),
        "a run directory without a manifest goes when a run finishes");
  }

  @Test
  void recordedValuesReadBackAsTheyWereWritten() {
    RunStore store = RunStore.directory(store());
    Entity entity =
        Entity.of("thing", "t-1")
            .with("text", "line\nbreak \"quoted\" \u00e9\u4e2d")
            .with("int", 7)
            .with("long", 1L << 40)
            .with("big", new BigInteger("123456789012345678901234567890"))
            .with("double", 0.1)
            .with("decimal", new BigDecimal("1.50"))
            .with("yes", true)
            .with("list", List.of("a", 1, 2.5, false));
    try (RunRecording recording = store.create("inventory", "r1", T0, List.of(), FPS)) {
      StepRecord.DataFile file = recording.write("things", List.of(entity), List.of());
      StepRecord record = succeeded("things", 1, file, Map.of("thing", 1), 0);
      recording.commit(List.of(record));
      assertEquals(List.of(entity), recording.read(record).entities());
    }
  }

  @Test
  void aStepIdThatIsNoFileNameGetsAHashedOne() {
    RunStore store = RunStore.directory(store());
    try (RunRecording recording = store.create("inventory", "r1", T0, List.of(), FPS)) {
      StepRecord.DataFile file = recording.write("../Users", users(1), List.of());
      assertTrue(file.name().matches("steps/id-[0-9a-f]{16}\\.1\\.jsonl"), file.name());
      assertNull(RunListing.summary(dir));
    }
  }

  private static List<String> visible(Path directory) {
    return list(directory).stream().filter(name -> !name.startsWith(".")).toList();
  }

  private static List<String> list(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
