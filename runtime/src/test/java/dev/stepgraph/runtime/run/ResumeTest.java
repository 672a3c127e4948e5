package dev.stepgraph.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.Schedule;
import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.graph.ConfigKeyDefinition;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepBody;
import dev.stepgraph.runtime.store.RecordedRun;
import dev.stepgraph.runtime.store.RunReader;
import dev.stepgraph.runtime.store.RunRecording;
import dev.stepgraph.runtime.store.RunStore;
import dev.stepgraph.runtime.store.RunStoreException;
import dev.stepgraph.runtime.store.RunSummary;
import dev.stepgraph.runtime.store.StepData;
import dev.stepgraph.runtime.store.StepRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Recording runs in a run store and resuming them, through the embedding API. */
@Timeout(120)
class ResumeTest {
  @TempDir Path dir;

  /** How often each step ran, by id. */
  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

  /** Steps that fail, by id, until removed. */
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  private RunStore store() {
    return RunStore.directory(dir.resolve("state"));
  }

  private StepBody counted(String id, StepBody body) {
    return ctx -> {
      runs.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
      if (failing.contains(id)) {
        throw new IllegalStateException("HTTP 503 from " + id);
      }
      body.run(ctx);
    };
  }

  private int ran(String id) {
    AtomicInteger count = runs.get(id);
    return count == null ? 0 : count.get();
  }

  /**
   * users, roles, hosts; policies (roles), services (hosts, skips on failure); relationships
   * (users, policies), which reads what it needs from the prior data.
   */
  private ConnectorGraph inventory(Schedule schedule, String rolesFingerprint) {
    ConnectorGraph.Builder graph = ConnectorGraph.builder("inventory", "").schedule(schedule);
    graph.step("users", "", List.of(), counted("users", ctx -> {
      for (int i = 0; i < 3; i++) {
        ctx.emit(Entity.of("user", "u-" + i).with("name", "user " + i).with("n", i));
      }
    }));
    graph.step("roles", "", List.of(), counted("roles", ctx -> ctx.emit(Entity.of("role", "r-1"))));
    graph.step("hosts", "", List.of(), counted("hosts",
        ctx -> ctx.emit(Entity.of("host", "h-1").with("cpus", 4).with("load", 0.25))));
    graph.step("policies", "", List.of("roles"), counted("policies", ctx -> {
      for (Entity role : ctx.prior().entitiesByType("role")) {
        ctx.emit(Entity.of("policy", "p-" + role.key()));
      }
    }));
    graph.step("services", "", List.of("hosts"),
        dev.stepgraph.runtime.graph.StepPolicy.DEFAULT.withSkipOnDependencyFailure(true),
        counted("services", ctx -> ctx.emit(Entity.of("service", "s-1"))));
    graph.step("relationships", "", List.of("users", "policies"), counted("relationships", ctx -> {
      for (Entity user : ctx.prior().entitiesByType("user")) {
        ctx.emit(Relationship.of("has-policy", user.key(),
            ctx.prior().entityByKey("p-r-1").orElseThrow().key()));
      }
    }));
    graph.fingerprint("roles", rolesFingerprint);
    return graph.build();
  }

  private ConnectorGraph inventory() {
    return inventory(Schedule.WAVES, "roles-v1");
  }

  private static List<String> lines(RunReport report) {
    List<String> lines = new ArrayList<>();
    for (Entity entity : report.entities()) {
      lines.add(entity.toString());
    }
    for (Relationship relationship : report.relationships()) {
      lines.add(relationship.toString());
    }
    return lines;
  }

  private List<String> cleanRun() {
    return lines(ConnectorRunner.builder(inventory()).build().run());
  }

  @Test
  void aResumedRunReusesTheRecordedStepsAndItsDataIsACleanRunsExactly() {
    List<String> clean = cleanRun();
    runs.clear();
    failing.add("hosts");
    RunReport first = ConnectorRunner.builder(inventory()).store(store()).build().run();
    assertEquals(StepStatus.FAILED, first.step("hosts").orElseThrow().status());
    assertEquals(StepStatus.SKIPPED, first.step("services").orElseThrow().status());
    failing.clear();
    runs.clear();

    Recorder events = new Recorder();
    RunReport resumed =
        ConnectorRunner.builder(inventory()).store(store()).resumeLatest().listener(events)
            .build().run();

    assertEquals(first.runId(), resumed.runId(), "a resumed run keeps its id");
    assertEquals(clean, lines(resumed), "the inventory is whole, as in one go");
    assertEquals(Map.of("hosts", 1, "services", 1), counts(),
        "only the failed step and the one skipped because of it ran");
    for (String reused : List.of("users", "roles", "policies", "relationships")) {
      StepResult step = resumed.step(reused).orElseThrow();
      assertEquals(StepStatus.REUSED, step.status(), reused);
      assertEquals(0, step.attempts());
    }
    assertEquals(Map.of("user", 3), resumed.step("users").orElseThrow().entityCounts());
    assertTrue(resumed.succeeded());
    assertEquals(
        new RunEvent.StepReused(events.of(RunEvent.StepReused.class).get(0).time(), "users", 0,
            first.runId(), Map.of("user", 3), 0, null),
        events.of(RunEvent.StepReused.class).get(0));
    RunEvent.RunStarted started = events.of(RunEvent.RunStarted.class).get(0);
    assertTrue(started.resumed());
    assertEquals(first.runId(), started.runId());
    // services was recorded as skipped, but the step it was skipped for runs again: so does it.
    assertEquals(
        List.of(new RunEvent.StepRerun(events.of(RunEvent.StepRerun.class).get(0).time(),
            "services", first.runId(), RunEvent.StepRerun.Cause.UPSTREAM, "hosts")),
        events.of(RunEvent.StepRerun.class));
    RunEvent.RunFinished finished = events.of(RunEvent.RunFinished.class).get(0);
    assertEquals(4, finished.count(StepStatus.REUSED));
    assertEquals(2, finished.count(StepStatus.SUCCEEDED));
  }

  private Map<String, Integer> counts() {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    runs.forEach((id, count) -> counts.put(id, count.get()));
    return counts;
  }

  @Test
  void anEagerRunRecordsAndReusesAlike() {
    List<String> clean = lines(ConnectorRunner.builder(inventory(Schedule.EAGER, "roles-v1")).build().run());
    runs.clear();
    failing.add("policies");
    ConnectorRunner.builder(inventory(Schedule.EAGER, "roles-v1")).store(store()).build().run();
    failing.clear();
    runs.clear();

    RunReport resumed =
        ConnectorRunner.builder(inventory(Schedule.EAGER, "roles-v1")).store(store()).resumeLatest()
            .build().run();

    assertEquals(clean, lines(resumed));
    assertEquals(Map.of("policies", 1, "relationships", 1), counts());
  }

  @Test
  void aChangedStepRunsAgainWithItsDownstreamStepsAndSaysWhy() {
    RunReport first = ConnectorRunner.builder(inventory()).store(store()).build().run();
    runs.clear();

    Recorder events = new Recorder();
    RunReport resumed =
        ConnectorRunner.builder(inventory(Schedule.WAVES, "roles-v2")).store(store())
            .resume(first.runId()).listener(events).build().run();

    assertEquals(Map.of("policies", 1, "relationships", 1, "roles", 1), counts());
    List<RunEvent.StepRerun> reruns = events.of(RunEvent.StepRerun.class);
    assertEquals(3, reruns.size(), reruns.toString());
    assertEquals(List.of("roles", "policies", "relationships"),
        reruns.stream().map(RunEvent.StepRerun::stepId).toList());
    // A step's fingerprint covers those of the steps it depends on: theirs changed too.
    for (RunEvent.StepRerun rerun : reruns) {
      assertEquals(RunEvent.StepRerun.Cause.CHANGED, rerun.cause(), rerun.toString());
      assertEquals(first.runId(), rerun.fromRun());
    }
    assertEquals(StepStatus.SUCCEEDED, resumed.step("roles").orElseThrow().status());
  }

  @Test
  void selectedStepsAlwaysRunAndReuseTheirRecordedUpstream() {
    ConnectorRunner.builder(inventory()).store(store()).build().run();
    runs.clear();

    RunReport resumed =
        ConnectorRunner.builder(inventory()).store(store()).resumeLatest()
            .steps(List.of("relationships")).build().run();

    assertEquals(Map.of("relationships", 1), counts(), "only the selected step ran");
    assertEquals(List.of("users", "roles", "policies", "relationships"),
        resumed.steps().stream().map(StepResult::stepId).toList());
    assertEquals(3, resumed.step("relationships").orElseThrow().relationshipCount(),
        "it read the reused steps' data");
    RecordedRun recorded = store().runs("inventory").get(0).recorded();
    assertEquals(List.of("relationships"), recorded.lastSession().selected());
    assertEquals(2, recorded.step("relationships").orElseThrow().session());
  }

  @Test
  void aSelectedStepWhoseUpstreamWasNotRecordedRunsItFirst() {
    ConnectorRunner.builder(inventory()).store(store()).steps(List.of("services")).build().run();
    runs.clear();

    ConnectorRunner.builder(inventory()).store(store()).resumeLatest()
        .steps(List.of("relationships")).build().run();

    assertEquals(Map.of("policies", 1, "relationships", 1, "roles", 1, "users", 1), counts());
  }

  @Test
  void aSkippedStepIsReusedAsSkipped() {
    ConnectorGraph graph =
        ConnectorGraph.builder("quiet", "")
            .step("rows", "", List.of(), counted("rows", ctx -> ctx.skip("no new rows")))
            .step("after", "", List.of("rows"), counted("after", ctx -> {}))
            .build();
    ConnectorRunner.builder(graph).store(store()).build().run();
    runs.clear();

    Recorder events = new Recorder();
    RunReport resumed =
        ConnectorRunner.builder(graph).store(store()).resumeLatest().listener(events).build().run();

    assertEquals(Map.of(), counts());
    assertEquals("no new rows", resumed.step("rows").orElseThrow().skipReason());
    assertEquals(StepStatus.REUSED, resumed.step("rows").orElseThrow().status());
    assertFalse(resumed.succeeded(), "a skipped step, reused, is still not a success");
    assertFalse(resumed.hasFailures());
    assertEquals("no new rows", events.of(RunEvent.StepReused.class).get(0).skipReason());
  }

  @Test
  void aDamagedStepFileMakesTheStepRunAgainWithAWarningNamingTheFile() throws IOException {
    RunReport first = ConnectorRunner.builder(inventory()).store(store()).build().run();
    Path file = dir.resolve("state/inventory/runs/" + first.runId() + "/steps/users.1.jsonl");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5));
    runs.clear();

    Recorder events = new Recorder();
    RunReport resumed =
        ConnectorRunner.builder(inventory()).store(store()).resumeLatest().listener(events)
            .build().run();

    assertEquals(Map.of("relationships", 1, "users", 1), counts());
    assertEquals(
        List.of(file + " is truncated: it has " + (bytes.length - 5) + " of its " + bytes.length
            + " bytes; step 'users' ran again"),
        resumed.warnings());
    RunEvent.StepRerun rerun = events.of(RunEvent.StepRerun.class).get(0);
    assertEquals(RunEvent.StepRerun.Cause.DAMAGED, rerun.cause());
    assertEquals(cleanRun(), lines(resumed));
  }

  @Test
  void aStepIsDurableOnceItEndsNotWhenItsWaveEnds() {
    RunStore store = store();
    AtomicInteger seenWhileWaiting = new AtomicInteger(-1);
    ConnectorGraph graph =
        ConnectorGraph.builder("long-wave", "")
            .step("quick", "", List.of(), ctx -> ctx.emit(Entity.of("user", "u-1")))
            // The wave cannot end before this step does: look for quick's record meanwhile.
            .step("slow", "", List.of(), ctx -> seenWhileWaiting.set(
                awaitRecorded(store, "long-wave", "quick") ? 1 : 0))
            .build();

    ConnectorRunner.builder(graph).store(store).build().run();

    assertEquals(1, seenWhileWaiting.get(), "quick was not recorded while its wave ran");
  }

  /**
   * Commits are paced (at most one every 20 ms, or when 2,000 steps wait), but a step that ends
   * after a commit is still recorded while its wave runs: {@code second} ends only once {@code
   * first} is recorded, and {@code slow} holds the wave until {@code second} is recorded too.
   */
  @Test
  void aStepThatEndsAfterACommitIsDurableWhileItsWaveRuns() {
    RunStore store = store();
    AtomicInteger seenWhileWaiting = new AtomicInteger(-1);
    ConnectorGraph graph =
        ConnectorGraph.builder("paced", "")
            .step("first", "", List.of(), ctx -> ctx.emit(Entity.of("user", "u-1")))
            .step("second", "", List.of(), ctx -> {
              awaitRecorded(store, "paced", "first");
              ctx.emit(Entity.of("user", "u-2"));
            })
            .step("slow", "", List.of(), ctx -> seenWhileWaiting.set(
                awaitRecorded(store, "paced", "second") ? 1 : 0))
            .build();

    ConnectorRunner.builder(graph).store(store).build().run();

    assertEquals(1, seenWhileWaiting.get(), "second was not recorded while its wave ran");
  }

  /**
   * Whether the latest run of the connector records the step within 30 seconds, looking every
   * millisecond: sleeping between looks lets the other steps run, on virtual threads too.
   */
  private static boolean awaitRecorded(RunStore store, String connectorId, String stepId)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      List<RunSummary> recorded = store.runs(connectorId);
      if (!recorded.isEmpty() && recorded.get(0).recorded().step(stepId).isPresent()) {
        return true;
      }
      Thread.sleep(1);
    }
    return false;
  }

  @Test
  void stepsThatEndCloseTogetherShareACommit() throws Exception {
    int steps = 200;
    CountDownLatch allEnded = new CountDownLatch(steps);
    List<Integer> commits = new java.util.concurrent.CopyOnWriteArrayList<>();
    RunStore store = new CountingStore(store(), commits, allEnded);
    ConnectorGraph.Builder builder = ConnectorGraph.builder("wide", "");
    for (int i = 0; i < steps; i++) {
      builder.step("s" + i, "", List.of(), ctx -> allEnded.countDown());
    }

    RunReport report = ConnectorRunner.builder(builder.build()).store(store).build().run();

    assertEquals(steps, report.count(StepStatus.SUCCEEDED));
    // A first commit waits until every step has ended: all the others go in one more sync (a
    // commit, or the session's end). When every step ended before any commit, one sync took all.
    assertTrue(commits.size() <= 2, commits.toString());
    assertEquals(steps, commits.stream().mapToInt(Integer::intValue).sum(), commits.toString());
    assertEquals(steps, store().runs("wide").get(0).recorded().records().size());
  }

  /** A store whose first commit waits for a latch, counting the records of each commit. */
  private record CountingStore(RunStore store, List<Integer> commits, CountDownLatch first)
      implements RunStore {
    @Override
    public List<RunSummary> runs(String connectorId) {
      return store.runs(connectorId);
    }

    @Override
    public RunReader read(String connectorId, String runId) {
      return store.read(connectorId, runId);
    }

    @Override
    public RunRecording create(
        String connectorId, String runId, Instant started, List<String> selected,
        Map<String, String> fingerprints) {
      return wrap(store.create(connectorId, runId, started, selected, fingerprints));
    }

    @Override
    public RunRecording resume(
        String connectorId, String runId, Instant started, List<String> selected,
        Map<String, String> fingerprints) {
      return wrap(store.resume(connectorId, runId, started, selected, fingerprints));
    }

    private RunRecording wrap(RunRecording recording) {
      return new DelegatingRecording(recording) {
        @Override
        public void commit(List<StepRecord> records) {
          if (commits.isEmpty()) {
            try {
              assertTrue(first.await(60, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
              throw new AssertionError(e);
            }
          }
          commits.add(records.size());
          super.commit(records);
        }

        @Override
        public void finish(List<StepRecord> records, Instant ended, boolean cancelled) {
          if (!records.isEmpty()) {
            commits.add(records.size()); // committed with the session's end, in the same sync
          }
          super.finish(records, ended, cancelled);
        }
      };
    }
  }

  @Test
  void aStoreThatCannotBeWrittenDuringTheRunEndsTheRecordingNotTheRun() {
    RunStore broken = store();
    RunStore failing =
        new RunStore() {
          @Override
          public List<RunSummary> runs(String connectorId) {
            return broken.runs(connectorId);
          }

          @Override
          public RunReader read(String connectorId, String runId) {
            return broken.read(connectorId, runId);
          }

          @Override
          public RunRecording create(
              String c, String r, Instant s, List<String> sel, Map<String, String> f) {
            RunRecording real = broken.create(c, r, s, sel, f);
            return new DelegatingRecording(real) {
              @Override
              public StepRecord.DataFile write(String stepId, List<Entity> e, List<Relationship> rel) {
                throw new RunStoreException(RunStoreException.Problem.WRITE_FAILED,
                    "cannot record step '" + stepId + "' in the test store: No space left on device");
              }
            };
          }

          @Override
          public RunRecording resume(
              String c, String r, Instant s, List<String> sel, Map<String, String> f) {
            throw new UnsupportedOperationException();
          }
        };

    RunReport report = ConnectorRunner.builder(inventory()).store(failing).build().run();

    assertEquals(6, report.count(StepStatus.SUCCEEDED), "the run went on");
    assertEquals(1, report.warnings().size(), report.warnings().toString());
    assertTrue(report.warnings().get(0).startsWith("the run store stopped recording: cannot record"
        + " step '"), report.warnings().get(0));
    assertTrue(report.warnings().get(0).endsWith("in the test store: No space left on device; a"
        + " resume runs the steps that ended after that again"), report.warnings().get(0));
  }

  /** A recording that does what another does. */
  private static class DelegatingRecording implements RunRecording {
    private final RunRecording recording;

    DelegatingRecording(RunRecording recording) {
      this.recording = recording;
    }

    @Override
    public RecordedRun run() {
      return recording.run();
    }

    @Override
    public int session() {
      return recording.session();
    }

    @Override
    public StepData read(StepRecord record) {
      return recording.read(record);
    }

    @Override
    public StepRecord.DataFile write(String stepId, List<Entity> entities, List<Relationship> relationships) {
      return recording.write(stepId, entities, relationships);
    }

    @Override
    public void commit(List<StepRecord> records) {
      recording.commit(records);
    }

    @Override
    public void finish(List<StepRecord> records, Instant ended, boolean cancelled) {
      recording.finish(records, ended, cancelled);
    }

    @Override
    public String describe(StepRecord.DataFile file) {
      return recording.describe(file);
    }

    @Override
    public void close() {
      recording.close();
    }
  }

  @Test
  void aCancelledRunRecordsTheStepsThatFinishedAndAResumeContinuesFromThere() throws Exception {
    CountDownLatch blocked = new CountDownLatch(1);
    AtomicInteger hold = new AtomicInteger(1);
    ConnectorGraph graph =
        ConnectorGraph.builder("cancel", "")
            .step("users", "", List.of(), counted("users", ctx -> ctx.emit(Entity.of("user", "u-1"))))
            .step("hosts", "", List.of("users"), counted("hosts", ctx -> {
              if (hold.get() == 1) {
                blocked.countDown();
                new CountDownLatch(1).await(); // until cancelled
              }
              ctx.emit(Entity.of("host", "h-1"));
            }))
            .step("report", "", List.of("hosts"), counted("report", ctx -> {}))
            .build();
    ConnectorRunner runner = ConnectorRunner.builder(graph).store(store()).build();
    java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      java.util.concurrent.Future<RunReport> first = thread.submit(runner::run);
      assertTrue(blocked.await(60, TimeUnit.SECONDS));
      runner.cancel();
      assertTrue(first.get(60, TimeUnit.SECONDS).cancelled());
    } finally {
      thread.shutdownNow();
    }
    hold.set(0);
    runs.clear();

    RunReport resumed = ConnectorRunner.builder(graph).store(store()).resumeLatest().build().run();

    assertEquals(Map.of("hosts", 1, "report", 1), counts());
    assertEquals(StepStatus.REUSED, resumed.step("users").orElseThrow().status());
    RecordedRun recorded = store().runs("cancel").get(0).recorded();
    assertTrue(recorded.sessions().get(0).cancelled());
    assertEquals(List.of("users", "hosts", "hosts", "report"),
        recorded.records().stream().map(StepRecord::stepId).toList(),
        "the manifest keeps the history: hosts was cancelled, then succeeded");
    assertEquals(StepStatus.CANCELLED, recorded.records().get(1).status());
  }

  @Test
  void nothingToResumeIsAnErrorBeforeAnyStepRuns() {
    RunStoreException e =
        assertThrows(RunStoreException.class,
            () -> ConnectorRunner.builder(inventory()).store(store()).resumeLatest().build().run());
    assertEquals(RunStoreException.Problem.NOTHING_TO_RESUME, e.problem());
    assertEquals(Map.of(), counts());
    assertThrows(IllegalStateException.class,
        () -> ConnectorRunner.builder(inventory()).resumeLatest().build());
    assertThrows(IllegalStateException.class,
        () -> ConnectorRunner.builder(inventory()).store(store()).runId("x").resume("x").build());
    assertThrows(IllegalArgumentException.class,
        () -> ConnectorRunner.builder(inventory()).runId("not valid"));
  }

  @Test
  void aRunIdCanBeGivenAndIsInTheReportAndTheStore() {
    RunReport report = ConnectorRunner.builder(inventory()).store(store()).runId("nightly-42").build().run();
    assertEquals("nightly-42", report.runId());
    assertEquals("nightly-42", store().runs("inventory").get(0).runId());
    RunStoreException taken =
        assertThrows(RunStoreException.class,
            () -> ConnectorRunner.builder(inventory()).store(store()).runId("nightly-42").build().run());
    assertEquals(RunStoreException.Problem.RUN_EXISTS, taken.problem());
  }

  @Test
  void nothingFromTheConfigurationIsWrittenToTheStore() throws IOException {
    String secret = "s3cr3t-t0ken-value";
    ConnectorGraph graph =
        ConnectorGraph.builder("configured", "")
            .step("users", "", List.of(), ctx -> {
              String token = ctx.config().require("api.token");
              ctx.emit(Entity.of("user", "u-" + token.length()));
            })
            .step("bad", "", List.of(), ctx -> {
              throw new IllegalStateException("401 for token " + ctx.config().require("api.token"));
            })
            .build();

    ConnectorRunner.builder(graph)
        .config(Config.of(Map.of("api.token", secret), Map.of()))
        .store(store())
        .build()
        .run();

    try (Stream<Path> files = Files.walk(dir.resolve("state"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertFalse(text.contains(secret), file + " holds the secret:\n" + text);
      }
    }
    assertEquals("java.lang.IllegalStateException",
        store().runs("configured").get(0).recorded().step("bad").orElseThrow().errorType());
  }

  @Test
  void theStoreNeverHoldsASecretValueAndAReusedSkipReadsMasked() throws Exception {
    String secret = "s3cr3t-token-value";
    ConnectorGraph graph =
        ConnectorGraph.builder("secretive", "")
            .configKey(ConfigKeyDefinition.required("api.token", "").asSecret())
            .step("users", "", List.of(), 0, ctx -> {
              ctx.log().info("token {}", ctx.config().require("api.token"));
              ctx.emit(Entity.of("user", "u-1"));
            })
            .step("hosts", "", List.of(), 0, ctx -> {
              ctx.skip("no hosts for token " + ctx.config().require("api.token"));
            })
            .step("roles", "", List.of(), 0, ctx -> {
              throw new IllegalStateException("HTTP 401 for " + ctx.config().require("api.token"));
            })
            .build();
    Config config = Config.of(Map.of("api.token", secret), Map.of());

    RunReport first = ConnectorRunner.builder(graph).store(store()).config(config).build().run();
    assertFalse(first.toString().contains(secret), first.toString());
    try (Stream<Path> files = Files.walk(dir.resolve("state"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(secret), file + " holds the secret: " + text);
      }
    }

    List<RunEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    RunReport resumed =
        ConnectorRunner.builder(graph).store(store()).config(config).resumeLatest()
            .listener(events::add).build().run();
    RunEvent.StepReused hosts =
        events.stream()
            .filter(e -> e instanceof RunEvent.StepReused r && r.stepId().equals("hosts"))
            .map(RunEvent.StepReused.class::cast)
            .findFirst()
            .orElseThrow();
    assertEquals("no hosts for token ****", hosts.skipReason());
    for (RunEvent event : events) {
      assertFalse(event.toString().contains(secret), event.toString());
    }
    assertEquals(StepStatus.REUSED, resumed.step("hosts").orElseThrow().status());
    assertFalse(resumed.toString().contains(secret), resumed.toString());
  }
}
