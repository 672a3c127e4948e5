package dev.stepgraph.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.run.RemoteFailure;
import dev.stepgraph.runtime.run.RunEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attempt logs a worker leaves in a run's directory, as the recording process reads them. */
class StepLogsTest {
  @TempDir Path store;

  private static final Instant T = Instant.parse("2026-12-03T10:00:00.123Z");

  private RunFiles files() throws Exception {
    RunFiles files = RunFiles.of(store, "crm", "r-1");
    Files.createDirectories(files.directory());
    return files;
  }

  @Test
  void whatAnAttemptLoggedAndHowItFailedReadsBackInAttemptOrder() throws Exception {
    RunFiles files = files();
    StackTraceElement where = new StackTraceElement("dev.example.Crm", "users", "Crm.java", 42);
    String odd = "a \"quoted\"\nline ü \u0001 tab\t";
    for (int attempt : new int[] {10, 2, 1}) {
      files.writeLog("users", 3, new RunFiles.AttemptLog(
          attempt, List.of(new RunEvent.StepLog(T, "users", "WARN", odd + attempt)),
          new RemoteFailure("java.io.IOException", "reset " + attempt, attempt, where),
          T.plusSeconds(attempt), attempt < 10));
    }
    files.writeLog("users", 4, new RunFiles.AttemptLog(1, List.of(), null, null, false));

    List<RunFiles.AttemptLog> logs = files.readLogs("users", 3, 0);
    assertEquals(List.of(1, 2, 10), logs.stream().map(RunFiles.AttemptLog::attempt).toList());
    RunFiles.AttemptLog second = logs.get(1);
    assertEquals(List.of(new RunEvent.StepLog(T, "users", "WARN", odd + 2)), second.lines());
    assertEquals(new RemoteFailure("java.io.IOException", "reset 2", 2, where), second.failure());
    assertEquals(T.plusSeconds(2), second.failedAt());
    assertTrue(second.retried());
    assertEquals(false, logs.get(2).retried());
    assertEquals(List.of(10), files.readLogs("users", 3, 2).stream()
        .map(RunFiles.AttemptLog::attempt).toList());
    assertEquals(List.of(), files.readLogs("groups", 3, 0));
    assertNull(files.readLogs("users", 4, 0).get(0).failure());
  }

  @Test
  void aLogThatCannotBeReadIsOneWarningNamingItsFile() throws Exception {
    RunFiles files = files();
    Path logs = Files.createDirectories(files.directory().resolve("logs"));
    Path damaged = logs.resolve("users.1.a1.jsonl");
    Files.writeString(damaged, "{\"time\":\"2026-12-03T10:00:00Z\",\"level\":\"INFO\",\"mess",
        StandardCharsets.UTF_8);

    List<RunFiles.AttemptLog> read = files.readLogs("users", 1, 0);
    assertEquals(1, read.size());
    RunEvent.StepLog warning = read.get(0).lines().get(0);
    assertEquals("WARN", warning.level());
    assertTrue(
        warning.message().startsWith("the worker's log " + damaged + " cannot be read: "),
        warning.message());
    assertNull(read.get(0).failure());
  }

  @Test
  void aRunWithoutLogsHasNone() throws Exception {
    assertEquals(List.of(), files().readLogs("users", 1, 0));
  }
}
