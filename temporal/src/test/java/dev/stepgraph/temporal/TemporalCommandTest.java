package dev.stepgraph.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.cli.StepgraphCli;
import dev.stepgraph.runtime.graph.ConfigKeyDefinition;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ConnectorMain temporal ...} in process, through the runtime's command line and
 * ServiceLoader: bad input is one line and exit code 2, as on the local command line.
 */
class TemporalCommandTest {
  @TempDir Path dir;

  private String out = "";
  private String err = "";

  private static ConnectorGraph graph() {
    return ConnectorGraph.builder("tiny", "tiny")
        .step("users", "users", List.of(), ctx -> ctx.emit(Entity.of("user", "u-1")))
        .build();
  }

  private int run(String... args) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream outBefore = System.out;
    PrintStream errBefore = System.err;
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      return StepgraphCli.execute(args, TemporalCommandTest::graph);
    } finally {
      System.setOut(outBefore);
      System.setErr(errBefore);
      out = stdout.toString(StandardCharsets.UTF_8);
      err = stderr.toString(StandardCharsets.UTF_8);
    }
  }

  private void assertUsage(String message) {
    assertEquals("error: " + message + "\nRun 'ConnectorMain --help' for usage.\n", err);
  }

  @Test
  void theRootHelpListsTheTemporalCommand() {
    assertEquals(0, run("--help"));
    assertTrue(out.contains("  temporal  Runs the connector on Temporal"), out);
  }

  @Test
  void itsHelpSaysTheDevServerIsNotForProduction() {
    assertEquals(0, run("temporal", "--help"));
    assertTrue(out.contains("NOT FOR PRODUCTION"), out);
  }

  @Test
  void anUnreachableTargetIsBadInput() {
    assertEquals(2, run("temporal", "run", "--target", "127.0.0.1:1", "--state", dir.toString()));
    assertUsage("temporal run: no Temporal service answers at 127.0.0.1:1 (within 5s): start"
        + " one, or give its address with --target");
  }

  @Test
  void aTargetMustBeHostAndPort() {
    assertEquals(2, run("temporal", "worker", "--target", "localhost", "--state", dir.toString()));
    assertUsage("temporal worker: --target must be HOST:PORT, was 'localhost'");
  }

  @Test
  void runNeedsTargetAndState() {
    assertEquals(2, run("temporal", "run", "--state", dir.toString()));
    assertUsage("temporal run needs --target HOST:PORT, the Temporal service");
    assertEquals(2, run("temporal", "run", "--target", "127.0.0.1:1"));
    assertUsage("temporal run needs --state DIR, the run store the workers share");
  }

  @Test
  void optionsOfTheLocalRunThatCannotWorkAreUnknown() {
    assertEquals(2, run("temporal", "run", "--no-state"));
    assertUsage("temporal run: unknown option '--no-state'");
    assertEquals(2, run("temporal", "launch"));
    assertUsage("temporal: unknown command 'launch' (commands: worker, run, dev-server)");
  }

  @Test
  void anUnknownStepIsBadInput() throws Exception {
    try (LoopbackTestServer server = LoopbackTestServer.start(0)) {
      assertEquals(2, run("temporal", "run", "--target", "127.0.0.1:" + server.port(),
          "--state", dir.toString(), "--step", "user"));
      assertUsage("unknown step 'user'; did you mean 'users'? (steps: users)");
    }
  }

  @Test
  void aWorkerChecksTheConfigurationItsStepsRunWithBeforeItPolls() {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream errBefore = System.err;
    int exit;
    try {
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      exit = StepgraphCli.execute(
          new String[] {"temporal", "worker", "--target", "127.0.0.1:1", "--state", dir.toString()},
          () -> ConnectorGraph.builder("keyed", "keyed")
              .configKey(ConfigKeyDefinition.required("relay.test-secret", "a key nobody sets"))
              .step("users", "users", List.of(), ctx -> {})
              .build());
    } finally {
      System.setErr(errBefore);
    }
    assertEquals(2, exit);
    assertTrue(stderr.toString(StandardCharsets.UTF_8).startsWith(
        "error: temporal worker: required config key 'relay.test-secret' is not set"),
        stderr.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aStateDirectoryTheWorkerCannotWriteIsBadInput() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "not a directory");
    assertEquals(2, run("temporal", "worker", "--target", "127.0.0.1:1", "--state",
        file.toString()));
    assertTrue(err.startsWith("error: temporal worker: --state " + file
        + " is not a directory this worker can write"), err);
    assertEquals(2, err.lines().count(), err);
  }
}
