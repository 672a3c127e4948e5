package dev.stepgraph.temporal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes on loopback: {@code temporal dev-server}, two {@code temporal worker} JVMs and
 * {@code temporal run}, each a {@code java} process of the test connector's ConnectorMain. The
 * output equals a local run's; with the worker of a running step killed (SIGKILL), the step is
 * retried on the other worker and the output is the same.
 */
class TemporalProcessesIT {
  private static final long WAIT_SECONDS = 60;
  private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path work;
  private final List<Process> started = new ArrayList<>();
  private String target;
  private Path state;

  @BeforeEach
  void startServer() throws Exception {
    state = work.resolve("state");
    Path log = work.resolve("server.log");
    started.add(Processes.start(
        Processes.main(work, Map.of(), "temporal", "dev-server", "--port", "0"), log));
    target = "127.0.0.1:" + awaitLine(log, LISTENING).group(1);
  }

  @AfterEach
  void stopAll() {
    for (Process process : started) {
      process.destroyForcibly();
    }
  }

  private Process worker(String name, Map<String, String> env) throws IOException {
    return worker(name, env, state);
  }

  private Process worker(String name, Map<String, String> env, Path workerState)
      throws IOException {
    Process worker = Processes.start(
        Processes.main(work, env, "temporal", "worker", "--target", target, "--state",
            workerState.toString()),
        work.resolve(name + ".log"));
    started.add(worker);
    return worker;
  }

  private String localOutput() throws Exception {
    Process local = Processes.start(
        Processes.main(work, Map.of(), "run", "--no-state", "--output", "local.jsonl"),
        work.resolve("local.log"));
    assertTrue(local.waitFor(WAIT_SECONDS, TimeUnit.SECONDS));
    assertEquals(0, local.exitValue(), Files.readString(work.resolve("local.log")));
    return Files.readString(work.resolve("local.jsonl"));
  }

  private Process run(String output) throws IOException {
    Process run = Processes.start(
        Processes.main(work, Map.of(), "temporal", "run", "--target", target, "--state",
            state.toString(), "--output", output),
        work.resolve(output + ".log"));
    started.add(run); // stopped after the test, also when it fails before the run ends
    return run;
  }

  private int finished(Process run, String output) throws Exception {
    if (!run.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
      StringBuilder logs = new StringBuilder("the run did not end; its log and the workers':");
      for (String name : List.of(output + ".log", "worker-a.log", "worker-b.log")) {
        Path log = work.resolve(name);
        logs.append("\n== ").append(name).append("\n")
            .append(Files.exists(log) ? Files.readString(log) : "(none)");
      }
      throw new AssertionError(logs.toString());
    }
    return run.exitValue();
  }

  @Test
  void twoWorkersRunTheGraphAndTheOutputEqualsALocalRun() throws Exception {
    worker("worker-a", Map.of());
    worker("worker-b", Map.of());
    Process run = run("temporal.jsonl");
    int exit = finished(run, "temporal.jsonl");
    String log = Files.readString(work.resolve("temporal.jsonl.log"));
    assertEquals(0, exit, log);
    assertEquals(localOutput(), Files.readString(work.resolve("temporal.jsonl")));
    assertTrue(log.contains("Wrote 8 entities and 3 relationships to temporal.jsonl"), log);
    // What a step logged on its worker is a line of the client's output, as of a local run's.
    assertTrue(log.contains("\n  groups: [INFO] 2 groups\n"), log);
    String local = Files.readString(work.resolve("local.log"));
    assertTrue(local.contains("\n  groups: [INFO] 2 groups\n"), local);
    // On JDK 24 and later the JVM warns of what Netty calls, unless it is told not to call it.
    for (String name : List.of("temporal.jsonl.log", "worker-a.log", "worker-b.log")) {
      String written = Files.readString(work.resolve(name));
      assertTrue(
          written.lines().noneMatch(line -> line.startsWith("WARNING") && line.contains("netty")),
          name + ":\n" + written);
    }
  }

  @Test
  void aStepWhoseWorkerIsKilledIsRetriedOnTheOtherWorker() throws Exception {
    Path latch = Files.createDirectories(work.resolve("latch"));
    Map<String, String> env = Map.of("RELAY_LATCH", latch.toString());
    Process a = worker("worker-a", env);
    Process b = worker("worker-b", env);
    Process run = run("temporal.jsonl");
    long first = startedBy(latch, List.of());
    Process victim = a.pid() == first ? a : b;
    assertEquals(first, victim.pid(), "the step started in neither worker");
    victim.destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye to the service
    assertTrue(victim.waitFor(WAIT_SECONDS, TimeUnit.SECONDS));
    Files.writeString(latch.resolve("release"), "");
    long second = startedBy(latch, List.of(first));
    Process survivor = victim == a ? b : a;
    assertEquals(survivor.pid(), second);
    int exit = finished(run, "temporal.jsonl");
    String log = Files.readString(work.resolve("temporal.jsonl.log"));
    assertEquals(0, exit, log);
    assertEquals(localOutput(), Files.readString(work.resolve("temporal.jsonl")));
  }

  @Test
  void aWorkerThatDoesNotShareTheStoreIsBadInputOfTheRun() throws Exception {
    Path elsewhere = work.resolve("worker-state");
    worker("worker-a", Map.of(), elsewhere);
    Process run = Processes.start(
        Processes.main(work, Map.of(), "temporal", "run", "--target", target, "--state",
            state.toString(), "--run-id", "r-1", "--output", "unshared.jsonl"),
        work.resolve("unshared.jsonl.log"));
    started.add(run);
    int exit = finished(run, "unshared.jsonl");
    String log = Files.readString(work.resolve("unshared.jsonl.log"));
    assertEquals(2, exit, log);
    String[] lines = log.split("\n");
    assertEquals(
        "error: the worker's state directory " + elsewhere + " holds no run r-1: the client and"
            + " the workers must share one run store; give the run and every worker the same"
            + " --state, on storage they all reach, and resume the run with --resume",
        lines[lines.length - 1], log);
    assertTrue(log.lines().noneMatch(line -> line.contains("\tat ")), log);
    assertTrue(Files.notExists(work.resolve("unshared.jsonl")), "no output of a stopped run");
  }

  /** Waits for a worker other than {@code seen} to start step 'users'; its pid. */
  private static long startedBy(Path latch, List<Long> seen) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.list(latch)) {
        Optional<Long> pid = files.map(file -> file.getFileName().toString())
            .filter(name -> name.startsWith("started."))
            .map(name -> Long.parseLong(name.substring("started.".length())))
            .filter(found -> !seen.contains(found))
            .findFirst();
        if (pid.isPresent()) {
          return pid.get();
        }
      }
      Thread.sleep(20); // waiting on a file another process writes
    }
    throw new AssertionError("step 'users' did not start in " + latch);
  }

  private static Matcher awaitLine(Path log, Pattern pattern) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        Matcher matcher = pattern.matcher(Files.readString(log));
        if (matcher.find()) {
          return matcher;
        }
      }
      Thread.sleep(20); // waiting on a line another process writes
    }
    throw new AssertionError("no line matching " + pattern + " in " + log);
  }
}
