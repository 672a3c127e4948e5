package dev.stepgraph.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.run.StepStatus;
import dev.stepgraph.runtime.store.RecordedRun;
import dev.stepgraph.runtime.store.RunStore;
import dev.stepgraph.runtime.store.RunSummary;
import dev.stepgraph.runtime.store.StepRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9, many times: the generated {@code ConnectorMain} of {@code CrashConnector} (30 steps in
 * 5 waves) runs as a process of its own, is killed with SIGKILL at a moment chosen at random (a
 * fixed seed), and resumed, until a run completes. Its output must then be a clean run's, byte
 * for byte, and no step that the store had recorded as done when a process was killed may run
 * again afterwards (each step writes its id to a side file when it starts).
 */
@Timeout(600)
class ResumeAfterKillIT {
  private static final String MAIN = "dev.stepgraph.example.crash.ConnectorMain";
  private static final String CONNECTOR = "crash";
  private static final int STEPS = 30;
  private static final long SEED = 20261201L;
  private static final int MAX_KILLS = 12;

  @TempDir Path tmp;

  private ProcessBuilder connectorMain(Path workingDirectory, Path counts, String... args) {
    ProcessBuilder builder =
        ConnectorProcess.testMain(MAIN, args).directory(workingDirectory.toFile());
    builder.environment().put("CRASH_COUNTS", counts.toString());
    return builder;
  }

  @Test
  void killedAtRandomMomentsAndResumedTheFinalOutputIsACleanRunsAndNoRecordedStepRunsAgain()
      throws Exception {
    Path cleanDir = Files.createDirectories(tmp.resolve("clean"));
    Path cleanOutput = cleanDir.resolve("clean.jsonl");
    ConnectorProcess.Result clean =
        ConnectorProcess.run(
            connectorMain(cleanDir, cleanDir.resolve("counts.txt"), "run", "--no-state",
                "--output", cleanOutput.toString()));
    assertEquals(0, clean.exitCode(), clean.stderr());
    assertFalse(Files.exists(cleanDir.resolve(".stepgraph")));

    Path work = Files.createDirectories(tmp.resolve("crashing"));
    Path counts = work.resolve("counts.txt");
    Path output = work.resolve("inventory.jsonl");
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    Random random = new Random(SEED);
    List<String> history = new ArrayList<>();
    Set<String> recordedDone = new HashSet<>();
    int kills = 0;
    for (int attempt = 1; ; attempt++) {
      List<String> args = new ArrayList<>(List.of("run", "--output", output.toString()));
      if (attempt > 1) {
        args.add("--resume");
      }
      long countsBefore = lines(counts).size();
      int remaining = STEPS - recordedDone.size();
      // Kill once this attempt has started 1..remaining steps, and a moment more (0-40 ms),
      // so that kills land while steps run, end, are written and are committed.
      int startedBeforeKill = 1 + random.nextInt(Math.max(1, remaining));
      int extraMillis = random.nextInt(41);
      boolean kill = kills < MAX_KILLS;
      Path stderr = logs.resolve("attempt-" + attempt + ".txt");
      Process process =
          connectorMain(work, counts, args.toArray(String[]::new))
              .redirectErrorStream(true)
              .redirectOutput(stderr.toFile())
              .start();
      boolean killed = false;
      if (kill) {
        killed = killWhenStarted(process, counts, countsBefore + startedBeforeKill, extraMillis);
      }
      assertTrue(process.waitFor(2, TimeUnit.MINUTES), "attempt " + attempt + " did not end");
      int exit = process.exitValue();
      String log = Files.readString(stderr, StandardCharsets.UTF_8);
      history.add("attempt " + attempt + ": " + (killed ? "killed after " + startedBeforeKill
          + " started steps + " + extraMillis + " ms" : "not killed") + ", exit " + exit);

      // No step recorded as done before this attempt ran again in it.
      List<String> ran = lines(counts).subList((int) countsBefore, lines(counts).size());
      for (String step : ran) {
        assertFalse(recordedDone.contains(step),
            "step " + step + " ran again after it was recorded as done\n"
                + String.join("\n", history) + "\n" + log);
      }
      if (!killed) {
        assertEquals(0, exit, String.join("\n", history) + "\n" + log);
        break;
      }
      kills++;
      assertEquals(137, exit, String.join("\n", history) + "\n" + log);
      recordedDone = recordedAsDone(work);
    }

    assertTrue(kills >= 3, "too few kills to mean anything: " + history);
    assertArrayEquals(Files.readAllBytes(cleanOutput), Files.readAllBytes(output),
        "the final output differs from a clean run's\n" + String.join("\n", history));
    // Every step ran at least once, and a step ran more than once only if a kill came first.
    Map<String, Integer> runs = new TreeMap<>();
    for (String step : lines(counts)) {
      runs.merge(step, 1, Integer::sum);
    }
    assertEquals(STEPS, runs.size(), runs.toString());
    RecordedRun run = RunStore.directory(work.resolve(".stepgraph")).runs(CONNECTOR).get(0).recorded();
    assertEquals(kills + 1, run.sessions().size(), "one session per attempt");
    assertEquals(STEPS, run.steps().size());
    for (StepRecord record : run.steps().values()) {
      assertEquals(StepStatus.SUCCEEDED, record.status(), record.toString());
    }
    System.out.println(String.join("\n", history));
  }

  /**
   * Waits until the side file has {@code lines} lines (steps started) and {@code extraMillis}
   * more, then kills the process with SIGKILL; false if it ended first.
   */
  private static boolean killWhenStarted(Process process, Path counts, long lines, int extraMillis)
      throws IOException, InterruptedException {
    while (process.isAlive() && lines(counts).size() < lines) {
      Thread.sleep(1); // polling the side file; the assertions hold whenever the kill lands
    }
    if (!process.isAlive()) {
      return false;
    }
    Thread.sleep(extraMillis);
    Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).start();
    assertTrue(kill.waitFor(1, TimeUnit.MINUTES));
    if (kill.exitValue() != 0) {
      return false; // it ended before the signal
    }
    process.waitFor(1, TimeUnit.MINUTES);
    return process.exitValue() == 137;
  }

  /** The steps whose latest record in the store says succeeded or skipped. */
  private static Set<String> recordedAsDone(Path work) {
    List<RunSummary> runs = RunStore.directory(work.resolve(".stepgraph")).runs(CONNECTOR);
    Set<String> done = new HashSet<>();
    if (runs.isEmpty()) {
      return done;
    }
    assertTrue(runs.get(0).resumable(), String.valueOf(runs.get(0).problem()));
    for (StepRecord record : runs.get(0).recorded().steps().values()) {
      if (record.reusable()) {
        done.add(record.stepId());
      }
    }
    return done;
  }

  private static List<String> lines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isEmpty()) {
        lines.add(line);
      }
    }
    return lines;
  }
}
