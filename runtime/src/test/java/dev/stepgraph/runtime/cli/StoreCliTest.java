package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The run store on the command line: --state, --no-state, --resume, --run-id, runs. */
@Timeout(120)
class StoreCliTest {
  private static final Pattern FIRST_LINE =
      Pattern.compile("^Run [a-z-]+ (\\d{8}T\\d{6}Z-[0-9a-f]{4})( \\(resumed\\))?: ");

  @TempDir Path dir;

  private static String runId(Terminal terminal) {
    Matcher first = FIRST_LINE.matcher(terminal.err());
    assertTrue(first.find(), terminal.err());
    return first.group(1);
  }

  /** users; hosts (fails while {@code failing} is set); services (hosts). */
  private static ConnectorGraph flaky(AtomicInteger failing, List<String> ran) {
    return ConnectorGraph.builder("flaky", "")
        .step("users", "", List.of(), 0, ctx -> {
          ran.add("users");
          ctx.emit(Entity.of("user", "u-1"));
        })
        .step("hosts", "", List.of(), 0, ctx -> {
          ran.add("hosts");
          if (failing.get() > 0) {
            throw new IllegalStateException("HTTP 503");
          }
          ctx.emit(Entity.of("host", "h-1"));
        })
        .step("services", "", List.of("hosts"), 1, ctx -> {
          ran.add("services");
          ctx.emit(Entity.of("service", "s-1"));
        })
        .build();
  }

  @Test
  void aRunIsRecordedInDotStepgraphAndResumeRunsOnlyWhatDidNotSucceed() throws Exception {
    AtomicInteger failing = new AtomicInteger(1);
    List<String> ran = new CopyOnWriteArrayList<>();
    Terminal first = new Terminal();
    Path output = dir.resolve("out.jsonl");

    assertEquals(1, first.run(flaky(failing, ran), "--output", output.toString()));
    String runId = runId(first);
    assertTrue(Files.isDirectory(first.workingDirectory.resolve(".stepgraph/flaky/runs/" + runId)));

    failing.set(0);
    ran.clear();
    Terminal second = first.next();
    assertEquals(0, second.run(flaky(failing, ran), "--resume", "--output", output.toString()),
        second.err());

    assertEquals(List.of("hosts", "services"), ran.stream().sorted().toList());
    assertEquals(
        "Run flaky " + runId + " (resumed): 3 steps in 2 waves\n"
            + "Wave 0 (parallel): users, hosts\n"
            + "  users: reused from run " + runId + ", 1 user\n"
            + "  hosts: completed in <t>, 1 host\n"
            + "Wave 1 (sequential): services\n"
            + "  services: hosts runs again, so it runs again too\n"
            + "  services: completed in <t>, 1 service\n"
            + "Finished in <t>: 2 succeeded, 1 reused\n"
            + "Wrote 3 entities and 0 relationships to " + output + "\n",
        HumanLines.normalize(second.err()).replace("<run>", runId));
    assertEquals(
        List.of(
            "{\"kind\":\"entity\",\"type\":\"user\",\"key\":\"u-1\",\"properties\":{}}",
            "{\"kind\":\"entity\",\"type\":\"host\",\"key\":\"h-1\",\"properties\":{}}",
            "{\"kind\":\"entity\",\"type\":\"service\",\"key\":\"s-1\",\"properties\":{}}"),
        Files.readAllLines(output), "the resumed run's output is the whole inventory");
  }

  @Test
  void aChangedStepSaysSoAndReusedStepsAreJsonEvents() {
    List<String> ran = new CopyOnWriteArrayList<>(); // the steps of a wave add at once
    Terminal first = new Terminal();
    assertEquals(0, first.run(flaky(new AtomicInteger(), ran), "--run-id", "first"));
    ConnectorGraph changed =
        ConnectorGraph.builder("flaky", "")
            .step("users", "", List.of(), 0, ctx -> ctx.emit(Entity.of("user", "u-1")))
            .step("hosts", "now paged", List.of(), 0, ctx -> ctx.emit(Entity.of("host", "h-1")))
            .step("services", "", List.of("hosts"), 1, ctx -> ctx.emit(Entity.of("service", "s-1")))
            .build();

    Terminal second = first.next();
    assertEquals(0, second.run(changed, "--resume", "first", "--events", "json"), second.err());

    assertEquals(
        "Run flaky first (resumed): 3 steps in 2 waves\n"
            + "Wave 0 (parallel): users, hosts\n"
            + "  users: reused from run first, 1 user\n"
            + "  hosts: changed since run first, running it again\n"
            + "  hosts: completed in <t>, 1 host\n"
            + "Wave 1 (sequential): services\n"
            + "  services: changed since run first, running it again\n"
            + "  services: completed in <t>, 1 service\n"
            + "Finished in <t>: 2 succeeded, 1 reused\n",
        HumanLines.normalize(second.err()));
    List<String> events =
        second.out().lines().map(line -> line.replaceFirst(",\"time\":\"[^\"]+\"", "")).toList();
    assertEquals(
        "{\"event\":\"run-started\",\"connector\":\"flaky\",\"run\":\"first\",\"resumed\":true,"
            + "\"steps\":3,\"waves\":2}",
        events.get(0));
    assertTrue(events.contains(
        "{\"event\":\"step-reused\",\"step\":\"users\",\"wave\":0,\"run\":\"first\","
            + "\"entities\":{\"user\":1},\"relationships\":0}"), events.toString());
    assertTrue(events.contains(
        "{\"event\":\"step-rerun\",\"step\":\"hosts\",\"run\":\"first\",\"cause\":\"changed\","
            + "\"detail\":\"\"}"), events.toString());
    assertTrue(events.get(events.size() - 1).endsWith(
        "\"steps\":{\"succeeded\":2,\"failed\":0,\"timed_out\":0,\"skipped\":0,\"cancelled\":0,"
            + "\"not_run\":0,\"reused\":1}}"), events.toString());
  }

  @Test
  void stepWithResumeRunsOnlyTheSelectedStepWhenItsUpstreamIsRecorded() {
    List<String> ran = new CopyOnWriteArrayList<>();
    Terminal first = new Terminal();
    assertEquals(0, first.run(flaky(new AtomicInteger(), ran), "--run-id", "dev"));
    ran.clear();

    for (int iteration = 0; iteration < 3; iteration++) {
      Terminal again = first.next();
      assertEquals(0, again.run(flaky(new AtomicInteger(), ran), "--step", "services", "--resume"),
          again.err());
      assertEquals(
          "Run flaky dev (resumed): 2 steps in 2 waves\n"
              + "Wave 0 (sequential): hosts\n"
              + "  hosts: reused from run dev, 1 host\n"
              + "Wave 1 (sequential): services\n"
              + "  services: completed in <t>, 1 service\n"
              + "Finished in <t>: 1 succeeded, 1 reused\n",
          HumanLines.normalize(again.err()));
    }
    assertEquals(List.of("services", "services", "services"), ran);
  }

  @Test
  void runsListsTheRecordedRunsNewestFirst() {
    AtomicInteger failing = new AtomicInteger(1);
    List<String> ran = new CopyOnWriteArrayList<>(); // the steps of a wave add at once
    Terminal terminal = new Terminal();
    assertEquals(1, terminal.run(flaky(failing, ran), "--run-id", "a-first"));
    failing.set(0);
    assertEquals(0, terminal.next().run(flaky(failing, ran), "--run-id", "b-second", "--step", "users"));

    Terminal runs = terminal.next();
    assertEquals(0, runs.run(flaky(failing, ran), "runs"));

    List<String> lines = runs.out().lines().toList();
    assertEquals("Runs of flaky in .stepgraph, newest first:", lines.get(0));
    assertEquals(3 + 1, lines.size(), runs.out());
    assertTrue(lines.get(1).matches("RUN +STARTED +DURATION +STEPS +RESUMABLE"), lines.get(1));
    assertTrue(lines.get(2).matches(
        "b-second +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +(<1ms|\\d+ms|\\d+(\\.\\d)?s) +1 succeeded, 2 not run +yes"),
        lines.get(2));
    assertTrue(lines.get(3).matches(
        "a-first +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +(<1ms|\\d+ms|\\d+(\\.\\d)?s) +1 succeeded, 1 failed, 1 skipped"
            + " +yes|a-first .* +2 succeeded, 1 failed +yes"),
        lines.get(3));
    int column = lines.get(1).indexOf("STEPS");
    assertEquals(column, lines.get(2).indexOf("1 succeeded"), "the columns line up");
    assertEquals("", runs.err());

    Terminal none = new Terminal();
    assertEquals(0, none.run(flaky(failing, ran), "runs", "--state", "elsewhere"));
    assertEquals("No runs of flaky in elsewhere\n", none.out());
  }

  @Test
  void noStateRecordsNothingAndStateChoosesTheDirectory() throws Exception {
    Terminal terminal = new Terminal();
    assertEquals(0, terminal.run(Graphs.inventory(), "--no-state"));
    assertFalse(Files.exists(terminal.workingDirectory.resolve(".stepgraph")));

    Path state = dir.resolve("elsewhere");
    assertEquals(0, terminal.next().run(Graphs.inventory(), "--state", state.toString()));
    assertFalse(Files.exists(terminal.workingDirectory.resolve(".stepgraph")));
    try (Stream<Path> runs = Files.list(state.resolve("aws-inventory/runs"))) {
      assertEquals(1, runs.count());
    }
  }

  @Test
  void keepRunsKeepsTheLastRuns() throws Exception {
    Terminal terminal = new Terminal();
    for (int i = 1; i <= 4; i++) {
      assertEquals(0, terminal.next().run(Graphs.inventory(), "--run-id", "r" + i, "--keep-runs", "2"));
    }
    try (Stream<Path> runs = Files.list(terminal.workingDirectory.resolve(".stepgraph/aws-inventory/runs"))) {
      // What retention renamed out of the way (.removed-...) the next session deletes.
      assertEquals(List.of("r3", "r4"),
          runs.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList());
    }
  }

  @Test
  void nothingToResumeExitsWith2InOneLine() {
    Terminal terminal = new Terminal();
    assertEquals(2, terminal.run(Graphs.inventory(), "--resume"));
    assertEquals(
        "error: nothing to resume: the run store .stepgraph holds no run of aws-inventory; run"
            + " without --resume to start a run\n",
        terminal.err());

    assertEquals(0, terminal.next().run(Graphs.inventory(), "--run-id", "nightly"));
    Terminal unknown = terminal.next();
    assertEquals(2, unknown.run(Graphs.inventory(), "--resume", "nigthly"));
    assertEquals(
        "error: nothing to resume: the run store .stepgraph holds no run nigthly of"
            + " aws-inventory; did you mean 'nightly'? (runs, newest first: nightly); run"
            + " without --resume to start a run\n",
        unknown.err());
  }

  @Test
  void aManifestOfANewerFormatOrDamagedExitsWith2InOneLine() throws Exception {
    Terminal terminal = new Terminal();
    assertEquals(0, terminal.run(Graphs.inventory(), "--run-id", "old"));
    Path manifest = terminal.workingDirectory.resolve(".stepgraph/aws-inventory/runs/old/manifest.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(manifest));
    lines.set(0, "{\"format\":7,\"connector\":\"aws-inventory\",\"run\":\"old\"}");
    Files.write(manifest, lines);

    Terminal newer = terminal.next();
    assertEquals(2, newer.run(Graphs.inventory(), "--resume"));
    assertEquals(
        "error: cannot resume run old: .stepgraph/aws-inventory/runs/old/manifest.jsonl is of"
            + " format 7, newer than this runtime reads (format 1); resume it with a newer"
            + " Stepgraph, or start a new run without --resume\n",
        newer.err());

    Files.writeString(manifest, "{\"format\":1,\"conn");
    Terminal truncated = terminal.next();
    assertEquals(2, truncated.run(Graphs.inventory(), "--resume", "old"));
    assertEquals(
        "error: cannot resume run old: .stepgraph/aws-inventory/runs/old/manifest.jsonl is"
            + " truncated: it holds no complete line; start a new run without --resume, or remove"
            + " .stepgraph/aws-inventory/runs/old and its runs start afresh\n",
        truncated.err());
  }

  @Test
  void anUnwritableStateDirectoryExitsWith2AtStartNamingItAndTheOptions() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "");
    AtomicInteger ran = new AtomicInteger();
    ConnectorGraph graph =
        ConnectorGraph.builder("x", "").step("a", "", List.of(), 0, ctx -> ran.incrementAndGet()).build();
    Terminal terminal = new Terminal();

    assertEquals(2, terminal.run(graph, "--state", file.toString()));

    assertEquals(
        "error: cannot write the run store " + file + ": Not a directory; choose a directory it"
            + " can write with --state DIR, or run without a store with --no-state\n",
        terminal.err());
    assertEquals(0, ran.get(), "no step ran");
  }

  @Test
  void storeOptionsThatContradictEachOtherAreUsageErrors() {
    String[][] cases = {
      {"--no-state", "--resume"},
      {"--no-state", "--state", "x"},
      {"--run-id", "a", "--resume"},
      {"--keep-runs", "0"},
      {"--run-id", "no spaces"},
      {"--state", ""},
    };
    String[] messages = {
      "error: --no-state runs without a run store, so --resume has nothing to work on: give one of them",
      "error: --no-state runs without a run store, so --state has nothing to work on: give one of them",
      "error: --run-id and --resume: a resumed run keeps the id of the run it resumes; resume a given"
          + " run with --resume RUN_ID",
      "error: --keep-runs must be at least 1, was 0",
      "error: --run-id: run id 'no spaces' is not valid: use letters, digits, '.', '_' and '-' (not"
          + " first), at most 128 characters",
      "error: --state is empty: give a directory",
    };
    for (int i = 0; i < cases.length; i++) {
      Terminal terminal = new Terminal();
      assertEquals(2, terminal.run(Graphs.inventory(), cases[i]), String.join(" ", cases[i]));
      assertEquals(messages[i] + "\nRun 'ConnectorMain --help' for usage.\n", terminal.err());
    }
  }

  @Test
  void ctrlCRecordsTheStepsThatFinishedAndResumeContinuesFromThere() throws Exception {
    CountDownLatch blocked = new CountDownLatch(1);
    AtomicInteger hold = new AtomicInteger(1);
    List<String> ran = new CopyOnWriteArrayList<>();
    ConnectorGraph graph =
        ConnectorGraph.builder("slow", "")
            .step("users", "", List.of(), 0, ctx -> {
              ran.add("users");
              ctx.emit(Entity.of("user", "u-1"));
            })
            .step("hosts", "", List.of("users"), 1, ctx -> {
              ran.add("hosts");
              if (hold.get() == 1) {
                blocked.countDown();
                new CountDownLatch(1).await();
              }
              ctx.emit(Entity.of("host", "h-1"));
            })
            .build();
    Terminal terminal = new Terminal();
    ExecutorService threads = Executors.newCachedThreadPool();
    try {
      Future<Integer> exit = threads.submit(() -> terminal.run(graph));
      assertTrue(terminal.handlerRegistered.await(30, TimeUnit.SECONDS));
      assertTrue(blocked.await(30, TimeUnit.SECONDS));
      threads.submit(terminal.interruptHandler.get()).get(30, TimeUnit.SECONDS);
      assertEquals(130, exit.get(30, TimeUnit.SECONDS));
    } finally {
      threads.shutdownNow();
    }
    hold.set(0);
    ran.clear();

    Terminal resumed = terminal.next();
    assertEquals(0, resumed.run(graph, "--resume"), resumed.err());

    assertEquals(List.of("hosts"), ran);
    assertTrue(resumed.err().contains("  users: reused from run "), resumed.err());
  }
}
