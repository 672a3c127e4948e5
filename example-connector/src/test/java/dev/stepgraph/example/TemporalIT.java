package dev.stepgraph.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's "Running on Temporal" with the packaged example: {@code temporal dev-server}, a
 * {@code temporal worker} and {@code temporal run}, each {@code java -jar} of the example's jar;
 * the output equals a local run's, and the run is in the store for {@code runs}.
 */
class TemporalIT {
  private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stop() {
    for (Process process : started) {
      process.destroyForcibly();
    }
  }

  @Test
  void theExampleRunsOnTemporalWithTheOutputOfALocalRun() throws Exception {
    Path work = ConnectorProcess.workingDirectory();
    Path serverLog = work.resolve("server.log");
    started.add(ConnectorProcess.builder(work, Map.of(), "temporal", "dev-server", "--port", "0")
        .redirectErrorStream(true).redirectOutput(serverLog.toFile()).start());
    String target = "127.0.0.1:" + await(serverLog).group(1);
    started.add(ConnectorProcess.builder(work, Map.of(), "temporal", "worker", "--target", target,
            "--state", ".stepgraph")
        .redirectErrorStream(true).redirectOutput(work.resolve("worker.log").toFile()).start());

    ConnectorProcess.Result remote = ConnectorProcess.run(ConnectorProcess.builder(work, Map.of(),
        "temporal", "run", "--target", target, "--state", ".stepgraph", "--output",
        "inventory.jsonl"));
    assertEquals(0, remote.exitCode(), remote.stderr() + Files.readString(work.resolve("worker.log")));
    assertTrue(remote.stderr().contains("Finished in "), remote.stderr());
    ConnectorProcess.Result local = ConnectorProcess.run(ConnectorProcess.builder(work, Map.of(),
        "run", "--no-state", "--output", "local.jsonl"));
    assertEquals(0, local.exitCode(), local.stderr());
    assertEquals(Files.readString(work.resolve("local.jsonl")),
        Files.readString(work.resolve("inventory.jsonl")));
    ConnectorProcess.Result runs =
        ConnectorProcess.run(ConnectorProcess.builder(work, Map.of(), "runs"));
    assertEquals(0, runs.exitCode(), runs.stderr());
    // A title, the table's header, and the run: all its steps succeeded.
    assertEquals(3, runs.stdoutLines().size(), runs.stdout());
    assertTrue(runs.stdoutLines().get(2).contains("6 succeeded"), runs.stdout());
  }

  private static Matcher await(Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        Matcher matcher = LISTENING.matcher(Files.readString(log));
        if (matcher.find()) {
          return matcher;
        }
      }
      Thread.sleep(20); // waiting on a line another process writes
    }
    throw new AssertionError("the dev server did not start: " + log);
  }
}
