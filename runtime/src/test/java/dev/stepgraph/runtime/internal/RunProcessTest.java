package dev.stepgraph.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run does to its JVM, in JVMs of their own: the heap, threads, exit. */
class RunProcessTest {
  /** Threads a JVM may start lazily during a run (a cleaner, a reference handler's helper). */
  private static final int JVM_MARGIN = 8;

  @TempDir Path dir;

  @Test
  void aStepThatRunsTheHeapOutFailsAloneAndTheRunEnds() throws Exception {
    Path output = dir.resolve("out.jsonl");
    JavaProcess.Result result =
        JavaProcess.run(
            JavaProcess.command(List.of("-Xmx64m"), "heap", "--output", output.toString()),
            Map.of(), dir, 3);

    assertEquals(1, result.exitCode(), result.stderr());
    assertTrue(
        Pattern.compile("(?m)^  bulk: FAILED after [0-9.hm]+s: OutOfMemoryError: Java heap space")
            .matcher(result.stderr()).find(),
        result.stderr());
    assertTrue(result.stderr().contains("  small: completed in "), result.stderr());
    assertTrue(result.stderr().contains("  after: completed in "), result.stderr());
    assertTrue(
        Pattern.compile("(?m)^Finished in .*: 2 succeeded, 1 failed$").matcher(result.stderr()).find(),
        result.stderr());
    assertEquals(
        List.of(
            "{\"kind\":\"entity\",\"type\":\"user\",\"key\":\"u-1\",\"properties\":{}}",
            "{\"kind\":\"entity\",\"type\":\"user\",\"key\":\"u-2\",\"properties\":{}}"),
        Files.readAllLines(output));
  }

  @Test
  void parallelismBoundsTheThreadsOfARunNotOnlyTheStepsRunning() throws Exception {
    int idle = peakThreads("wide", "plan");
    for (String scenario : List.of("wide", "wide-timed")) {
      int peak = peakThreads(scenario, "run", "--parallelism", "3", "--no-state");
      // 3 step threads, plus a constant few: the human event lines' thread, the timeout
      // watchdog, a pool thread handing over. Before steps waited for a slot in a queue, each
      // ready step blocked a thread of its own: 10,000.
      assertTrue(
          peak <= idle + 3 + 5 + JVM_MARGIN,
          scenario + ": " + peak + " threads at the peak, " + idle + " without a run");
    }
    // With the run store (each of the 10,000 steps emits an entity: 10,000 step files), its
    // recorder, at most 16 threads that write and sync step files, the retention's cleanup, and
    // a margin for the threads a JVM starts on first use (2 more than these were seen once on a
    // loaded 2-core machine). Unbounded, this is 10,000: any margin below hundreds proves it.
    int recorded = peakThreads("wide", "run", "--parallelism", "3");
    assertTrue(recorded <= idle + 3 + 5 + 1 + 16 + 1 + JVM_MARGIN,
        "wide, recorded: " + recorded + " threads at the peak, " + idle + " without a run");
  }

  private int peakThreads(String scenario, String... args) throws Exception {
    Path peakFile = dir.resolve("peak-" + scenario + "-" + args[0]);
    JavaProcess.Result result =
        JavaProcess.run(
            // A fixed count of JVM threads (compiler, GC), so that only the run's own vary.
            JavaProcess.command(
                List.of("-Dsteps=10000", "-XX:-UseDynamicNumberOfCompilerThreads", "-XX:+UseSerialGC"),
                scenario, args),
            Map.of("PEAK_THREADS_FILE", peakFile.toString()), dir, 3);
    assertEquals(0, result.exitCode(), result.stderr());
    return Integer.parseInt(Files.readString(peakFile).strip());
  }

  /**
   * Under a limit on processes (as a container's pids limit): with a parallelism, 10,000 steps
   * never come near it (when each ready step blocked a thread, 755 of them failed to start here);
   * without one, the steps whose thread cannot start fail and the run still ends, with a summary
   * and its exit code, and no hang. Runs as an unprivileged user, since the limit does not bind
   * root.
   */
  @Test
  void underAThreadLimitTheRunStaysWithinItOrFailsTheStepsThatCannotStart() throws Exception {
    Unprivileged nobody = Unprivileged.in(dir);

    JavaProcess.Result bounded =
        JavaProcess.run(
            nobody.command("ulimit -u 400", List.of("-Dsteps=10000"), "wide", "run", "--parallelism", "3"),
            Map.of(), dir, 3);
    assertEquals(0, bounded.exitCode(), bounded.stderr());
    assertTrue(
        Pattern.compile("(?m)^Finished in .*: 10000 succeeded$").matcher(bounded.stderr()).find(),
        bounded.stderr());

    JavaProcess.Result result =
        JavaProcess.run(nobody.command("ulimit -u 120", List.of(), "wide-sleeping", "run"), Map.of(), dir, 3);
    Matcher failed =
        Pattern.compile("(?m)^  s[0-9]+: FAILED after [^:]+: (.*)$").matcher(result.stderr());
    int failures = 0;
    while (failed.find()) {
      failures++;
      assertTrue(failed.group(1).contains("unable to create native thread"), failed.group());
    }
    if (!StepThreads.virtual()) {
      assertTrue(failures > 0, "the limit was not reached:\n" + result.stderr());
    }
    assertEquals(failures > 0 ? 1 : 0, result.exitCode(), result.stderr());
    assertTrue(
        Pattern.compile("(?m)^Finished in .*: " + (300 - failures) + " succeeded"
            + (failures > 0 ? ", " + failures + " failed" : "") + "$").matcher(result.stderr()).find(),
        result.stderr());
  }

  @Test
  void aStepCallingSystemExitIsReportedWithItsStatusAndTheStepsThatWereRunning() throws Exception {
    Path output = dir.resolve("out.jsonl");
    JavaProcess.Result result =
        JavaProcess.run(
            JavaProcess.command(List.of(), "exit", "--output", output.toString()),
            Map.of("MARKER", dir.resolve("marker").toString()), dir, 3);

    assertEquals(3, result.exitCode(), "the status the step asked for\n" + result.stderr());
    assertTrue(
        Pattern.compile("(?m)^error: the JVM was asked to exit \\(System.exit in step"
                + " 'exiting'\\) while steps were running: (waiting, exiting|exiting, waiting); they"
                + " are stopped as on Ctrl-C$")
            .matcher(result.stderr()).find(),
        result.stderr());
    assertTrue(
        Pattern.compile("(?m)^Cancelled after .*: 1 succeeded, 2 cancelled$")
            .matcher(result.stderr()).find(),
        result.stderr());
    assertEquals(
        List.of("{\"kind\":\"entity\",\"type\":\"user\",\"key\":\"u-1\",\"properties\":{}}"),
        Files.readAllLines(output));
  }

  /**
   * {@code --events json} into a pipe nobody reads: the steps run to their end all the same, the
   * output is written, and stderr says how many events did not get through.
   */
  @Test
  void aConsumerThatStopsReadingStdoutHoldsUpNoStep() throws Exception {
    Path output = dir.resolve("out.jsonl");
    Path stderr = dir.resolve("stderr.txt");
    Process process =
        JavaProcess.startUnread(
            JavaProcess.command(List.of(), "chatty", "--events", "json", "--output", output.toString()),
            Map.of(), stderr);
    try {
      assertTrue(process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES), "the run did not end");
      String err = Files.readString(stderr, StandardCharsets.UTF_8);
      assertTrue(
          Pattern.compile("(?m)^Finished in .*: 200 succeeded$").matcher(err).find(), err);
      assertTrue(
          Pattern.compile(
                  "(?m)^warning: [0-9]+ events were not delivered to listener --events json"
                      + " \\(standard output\\): it did not take them within 5s$")
              .matcher(err).find(),
          err);
      assertTrue(err.contains("Wrote 200 entities and 0 relationships to " + output), err);
      assertEquals(200, Files.readAllLines(output).size());
    } finally {
      process.destroyForcibly();
    }
  }

  /** Ctrl-C while stdout is stuck still ends the run within its grace period and writes. */
  @Test
  void ctrlCEndsARunWhoseStdoutIsStuck() throws Exception {
    dev.stepgraph.runtime.cli.CliProcess.assumeSigintIsDelivered();
    Path output = dir.resolve("out.jsonl");
    Path stderr = dir.resolve("stderr.txt");
    Path marker = dir.resolve("marker");
    Process process =
        JavaProcess.startUnread(
            JavaProcess.command(
                List.of(), "chatty-stuck", "--events", "json", "--output", output.toString()),
            Map.of("MARKER", marker.toString()), stderr);
    try {
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
      while (!Files.exists(marker)) {
        assertTrue(process.isAlive(), Files.readString(stderr));
        assertTrue(System.nanoTime() < deadline, "the stuck step never started");
        Thread.onSpinWait();
      }
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();

      assertTrue(process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES), "Ctrl-C did not end it");
      String err = Files.readString(stderr, StandardCharsets.UTF_8);
      assertEquals(130, process.exitValue(), err);
      assertTrue(
          Pattern.compile("(?m)^Cancelled after .*: 200 succeeded, 1 cancelled$").matcher(err).find(),
          err);
      assertTrue(err.contains("Wrote 200 entities and 0 relationships to " + output), err);
      assertEquals(200, Files.readAllLines(output).size());
    } finally {
      process.destroyForcibly();
    }
  }
}
