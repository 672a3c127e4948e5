package dev.stepgraph.modulepath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fingerprints the processor computes, through a real build: a connector is compiled by the
 * real {@code javac} with the packaged processor, its generated {@code ConnectorMain} records a run
 * with {@code --state DIR}, then one step's method is edited, the connector compiled again and the
 * run resumed. Exactly the edited step and the steps downstream of it run again (told by the human
 * lines, and by the counts the steps write to a side file); an edit of whitespace and comments
 * only reuses every step. And {@code --step ID --resume} runs only that step when the run recorded
 * its upstream. One compile per variant.
 *
 * <p>The graph: {@code accounts -> users -> groups}, {@code regions -> hosts}.
 */
class FingerprintResumeIT {
  private static final String MAIN = "com.acme.chain.ConnectorMain";
  private static final String SOURCE = """
      package com.acme.chain;

      import dev.stepgraph.Step;
      import dev.stepgraph.runtime.Entity;
      import dev.stepgraph.runtime.StepContext;
      import java.io.IOException;
      import java.nio.charset.StandardCharsets;
      import java.nio.file.Files;
      import java.nio.file.Path;
      import java.nio.file.StandardOpenOption;

      public class ChainConnector {
        @Step(id = "accounts")
        void accounts(StepContext ctx) throws IOException {
          count("accounts");
          ctx.emit(Entity.of("account", "a-1"));
        }

        @Step(id = "users", dependsOn = "accounts")
        void users(StepContext ctx) throws IOException {
      USERS
        }

        @Step(id = "groups", dependsOn = "users")
        void groups(StepContext ctx) throws IOException {
          count("groups");
          ctx.emit(Entity.of("group", "g-1"));
        }

        @Step(id = "regions")
        void regions(StepContext ctx) throws IOException {
          count("regions");
          ctx.emit(Entity.of("region", "eu"));
        }

        @Step(id = "hosts", dependsOn = "regions")
        void hosts(StepContext ctx) throws IOException {
          count("hosts");
          ctx.emit(Entity.of("host", "h-1"));
        }

        /** Appends the step's id to the file named by COUNTS: how often each step ran. */
        private static void count(String step) throws IOException {
          Files.writeString(Path.of(System.getenv("COUNTS")), step + "\\n", StandardCharsets.UTF_8,
              StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
      }
      """;
  private static final String USERS_V1 = """
          count("users");
          ctx.emit(Entity.of("user", "u-1"));
      """;
  /** The body edited: the user gets a name. */
  private static final String USERS_EDITED = """
          count("users");
          ctx.emit(Entity.of("user", "u-1").with("name", "Ada"));
      """;
  /** The same tokens, laid out otherwise, with comments. */
  private static final String USERS_REFORMATTED = """
          // The account's one user.
          count( "users" ) ;
          ctx.emit(
              Entity.of("user",   /* its key */ "u-1"));   // emitted once
      """;

  @TempDir static Path tmp;
  private static String libraries;
  private static String processorPath;
  private static Path v1;

  @BeforeAll
  static void compileTheFirstVersion() throws Exception {
    libraries = property("stepgraph.it.libraries");
    processorPath = property("stepgraph.it.processorpath");
    v1 = compile("v1", USERS_V1);
  }

  /** Compiles the connector with this body of {@code users}: the classes directory. */
  private static Path compile(String name, String usersBody) throws Exception {
    Path sources = tmp.resolve(name + "/src/com/acme/chain/ChainConnector.java");
    Files.createDirectories(sources.getParent());
    Files.writeString(sources, SOURCE.replace("USERS\n", usersBody), StandardCharsets.UTF_8);
    Path classes = Files.createDirectories(tmp.resolve(name + "/classes"));
    Result javac = run(null, List.of(tool("javac"), "-processorpath", processorPath,
        "-classpath", libraries, "-d", classes.toString(), sources.toString()));
    assertEquals(0, javac.exitCode(), javac.output());
    return classes;
  }

  /** A working directory for one variant: its store, its counts, its output. */
  private record Work(Path directory) {
    Path state() {
      return directory.resolve("state");
    }

    Path counts() {
      return directory.resolve("counts.txt");
    }

    /** How often each step ran, by step id. */
    Map<String, Long> ran() throws IOException {
      return Files.readAllLines(counts(), StandardCharsets.UTF_8).stream()
          .collect(Collectors.groupingBy(step -> step, TreeMap::new, Collectors.counting()));
    }
  }

  /** Records run {@code first} of version 1 in a new store: every step runs once. */
  private static Work recordFirstRun(String name) throws Exception {
    Work work = new Work(Files.createDirectories(tmp.resolve("work-" + name)));
    Result first = connector(work, v1, "run", "--state", work.state().toString(), "--run-id", "first");
    assertEquals(0, first.exitCode(), first.output());
    assertEquals(Map.of("accounts", 1L, "users", 1L, "groups", 1L, "regions", 1L, "hosts", 1L),
        work.ran(), first.output());
    return work;
  }

  @Test
  void anEditedStepAndItsDownstreamStepsRunAgainAndNothingElse() throws Exception {
    Work work = recordFirstRun("edited");
    Path edited = compile("edited", USERS_EDITED);
    Path output = work.directory().resolve("inventory.jsonl");

    Result resumed = connector(work, edited, "run", "--state", work.state().toString(), "--resume",
        "--output", output.toString());

    assertEquals(0, resumed.exitCode(), resumed.output());
    List<String> lines = normalized(resumed.stderr());
    for (String line : List.of(
        "Run chain first (resumed): 5 steps in 3 waves",
        "  users: changed since run first, running it again",
        // Its fingerprint covers those of the steps upstream of it: it changed too.
        "  groups: changed since run first, running it again",
        "  accounts: reused from run first, 1 account",
        "  regions: reused from run first, 1 region",
        "  hosts: reused from run first, 1 host",
        "Finished in T: 2 succeeded, 3 reused")) {
      assertTrue(lines.contains(line), line + " in:\n" + resumed.stderr());
    }
    assertEquals(2, lines.stream().filter(line -> line.contains("running it again")).count(),
        resumed.stderr());
    assertEquals(Map.of("accounts", 1L, "users", 2L, "groups", 2L, "regions", 1L, "hosts", 1L),
        work.ran());
    assertTrue(Files.readString(output, StandardCharsets.UTF_8).contains(
        "{\"kind\":\"entity\",\"type\":\"user\",\"key\":\"u-1\",\"properties\":{\"name\":\"Ada\"}}"),
        "the edited step's new output, beside the reused steps' recorded output");
    assertEquals(5, Files.readAllLines(output, StandardCharsets.UTF_8).size());
  }

  @Test
  void anEditOfWhitespaceAndCommentsOnlyReusesEveryStep() throws Exception {
    Work work = recordFirstRun("reformatted");
    Path reformatted = compile("reformatted", USERS_REFORMATTED);

    Result resumed = connector(work, reformatted, "run", "--state", work.state().toString(), "--resume");

    assertEquals(0, resumed.exitCode(), resumed.output());
    List<String> lines = normalized(resumed.stderr());
    assertTrue(lines.contains("  users: reused from run first, 1 user"), resumed.stderr());
    assertTrue(lines.contains("Finished in T: 0 succeeded, 5 reused"), resumed.stderr());
    assertTrue(lines.stream().noneMatch(line -> line.contains("running it again")), resumed.stderr());
    assertEquals(Map.of("accounts", 1L, "users", 1L, "groups", 1L, "regions", 1L, "hosts", 1L),
        work.ran(), "no step ran again");
  }

  @Test
  void stepWithResumeRunsOnlyThatStepWhenItsUpstreamIsRecorded() throws Exception {
    Work work = recordFirstRun("step");

    Result resumed = connector(work, v1, "run", "--state", work.state().toString(), "--step",
        "groups", "--resume", "first");

    assertEquals(0, resumed.exitCode(), resumed.output());
    assertEquals(
        List.of(
            "Run chain first (resumed): 3 steps in 3 waves",
            "Wave 0 (sequential): accounts",
            "  accounts: reused from run first, 1 account",
            "Wave 1 (sequential): users",
            "  users: reused from run first, 1 user",
            "Wave 2 (sequential): groups",
            "  groups: completed in T, 1 group",
            "Finished in T: 1 succeeded, 2 reused"),
        normalized(resumed.stderr()));
    assertEquals(Map.of("accounts", 1L, "users", 1L, "groups", 2L, "regions", 1L, "hosts", 1L),
        work.ran());
  }

  /** The human lines, with durations as T. */
  private static List<String> normalized(String stderr) {
    return stderr.lines()
        .map(line -> line.replaceAll("(in )(<1ms|\\d+ms|\\d+(\\.\\d)?s|(\\d+h)?(\\d+m)?\\d+s|\\d+[hm])\\b", "$1T"))
        .toList();
  }

  /** Runs the connector's ConnectorMain from these classes, on the class path, in the variant's directory. */
  private static Result connector(Work work, Path classes, String... args) throws Exception {
    List<String> command = new ArrayList<>(
        List.of(tool("java"), "-cp", classes + File.pathSeparator + libraries, MAIN));
    command.addAll(List.of(args));
    return run(work, command);
  }

  private static Result run(Work work, List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command);
    if (work != null) {
      builder.directory(work.directory().toFile());
      builder.environment().put("COUNTS", work.counts().toString());
    }
    Path stdout = Files.createTempFile(tmp, "stdout", ".txt");
    Path stderr = Files.createTempFile(tmp, "stderr", ".txt");
    Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("did not finish within two minutes: " + command);
    }
    return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }

  /** What a finished process printed. */
  private record Result(int exitCode, String stdout, String stderr) {
    String output() {
      return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  private static String tool(String name) {
    return Path.of(System.getProperty("java.home"), "bin",
        File.separatorChar == '\\' ? name + ".exe" : name).toString();
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    assertTrue(value != null && !value.isBlank(),
        name + " is not set: run through maven-failsafe-plugin (mvn verify)");
    return value;
  }
}
