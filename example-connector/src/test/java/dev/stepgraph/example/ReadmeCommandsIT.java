package dev.stepgraph.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.example.ConnectorProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the README true: every {@code java -jar example-connector/...} command in it runs, exits
 * as documented, every transcript ({@code $ command} followed by its output) matches what the
 * command prints, every run shown after its command matches what a run prints (durations, retry
 * waits and the order in which the steps of a wave end aside), and the generated graph it shows
 * is the one the build generates.
 */
class ReadmeCommandsIT {

  private static final String JAR_PREFIX = "java -jar example-connector/target/";

  /** A measured duration, after the words that introduce one; not a declared timeout. */
  private static final Pattern DURATION = Pattern.compile(
      "(completed in |FAILED after |attempts in |CANCELLED after |Finished in |Cancelled after )"
          + "(?:<1ms|\\d+ms|\\d+(?:\\.\\d)?s|\\d+h(?:\\d+m)?(?:\\d+s)?|\\d+m(?:\\d+s)?)");
  /** The wait before a retry: random, with jitter. */
  private static final Pattern RETRY_WAIT = Pattern.compile("(: attempt \\d+/\\d+ after )[0-9hms.<]+:");

  @TempDir Path tmp;

  /**
   * A command line: environment assignments, then the arguments after the jar; run in the
   * environment the README's {@code export} lines set up, without what a transcript unsets.
   */
  record Command(String line, Map<String, String> env, List<String> args) {
    static Command parse(String line) {
      Map<String, String> env = new LinkedHashMap<>(exported());
      List<String> words = List.of(line.trim().split("\\s+"));
      int i = 0;
      while (words.get(i).matches("[A-Z_]+=.*")) {
        String[] pair = words.get(i).split("=", 2);
        env.put(pair[0], pair[1]);
        i++;
      }
      assertEquals("java", words.get(i), line);
      assertEquals("-jar", words.get(i + 1), line);
      assertEquals(ConnectorProcess.jar().getFileName().toString(),
          Path.of(words.get(i + 2)).getFileName().toString(),
          "the README names another jar than the build makes: " + line);
      return new Command(line, env, words.subList(i + 3, words.size()));
    }

    /** The environment, with the simulated API's latency off unless the command sets it. */
    Map<String, String> envForTest() {
      Map<String, String> result = new LinkedHashMap<>(Map.of("API_LATENCY_MS", "0"));
      result.putAll(env);
      return result;
    }

    /** The exit code the README promises: 1 when it makes an endpoint fail, else 0. */
    int expectedExitCode() {
      // Step failures: an endpoint that fails, one that refuses the token, a value that is no number.
      return env.containsKey("API_FAIL") || env.containsKey("API_UNAUTHORIZED")
          || env.containsKey("API_FLAKY_FAILURES") ? 1 : 0;
    }
  }

  /**
   * What the README's {@code export NAME=value} lines set, in every shell block: the quick start
   * exports what every later command needs. Nothing else reaches the commands: the test's own
   * default token is unset.
   */
  static Map<String, String> exported() {
    Map<String, String> env = new LinkedHashMap<>();
    try {
      for (List<String> block : blocks(readme(), "shell")) {
        for (String line : block) {
          if (line.startsWith("export ")) {
            String[] pair = line.substring("export ".length()).trim().split("=", 2);
            env.put(pair[0], pair[1]);
          }
        }
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return env;
  }

  /** Variables the test process would pass on by itself, that only the README may set. */
  private static final Set<String> UNSET = Set.of("API_TOKEN");

  static List<String> readme() throws Exception {
    return Files.readAllLines(
        ConnectorProcess.repoRoot().resolve("README.md"), StandardCharsets.UTF_8);
  }

  /** The lines of every fenced block of this language, block by block. */
  static List<List<String>> blocks(List<String> lines, String language) {
    List<List<String>> blocks = new ArrayList<>();
    List<String> current = null;
    for (String line : lines) {
      if (current == null && line.equals("```" + language)) {
        current = new ArrayList<>();
      } else if (current != null && line.equals("```")) {
        blocks.add(current);
        current = null;
      } else if (current != null) {
        current.add(line);
      }
    }
    return blocks;
  }

  @Test
  void theGeneratedGraphShownIsTheOneTheProcessorWrites() throws Exception {
    List<String> shown = null;
    for (List<String> block : blocks(readme(), "java")) {
      if (block.contains("public final class CloudInventoryConnector_StepGraph {")) {
        shown = block;
      }
    }
    assertTrue(shown != null, "the README shows no CloudInventoryConnector_StepGraph");
    Path generated = Path.of("target/generated-sources/annotations/dev/stepgraph/example/"
        + "CloudInventoryConnector_StepGraph.java");
    assertEquals(String.join("\n", Files.readAllLines(generated, StandardCharsets.UTF_8)),
        String.join("\n", shown), "the README's 'Generated sources' listing differs from " + generated);
  }

  @Test
  void theTestShownIsATestOfThisBuild() throws Exception {
    List<String> shown = null;
    for (List<String> block : blocks(readme(), "java")) {
      if (block.contains("class ServicesStepTest {")) {
        shown = block;
      }
    }
    assertTrue(shown != null, "the README shows no ServicesStepTest");
    Path test = Path.of("src/test/java/dev/stepgraph/example/ServicesStepTest.java");
    assertEquals(String.join("\n", Files.readAllLines(test, StandardCharsets.UTF_8)),
        String.join("\n", shown), "the README's 'Testing a connector' example differs from " + test
            + ", which this build compiles and runs");
  }

  @TestFactory
  Stream<DynamicTest> shellCommandsExitAsDocumented() throws Exception {
    List<String> commands = new ArrayList<>();
    for (List<String> block : blocks(readme(), "shell")) {
      for (String line : block) {
        int at = line.indexOf(JAR_PREFIX);
        if (at >= 0) {
          // The quick start builds first ("mvn ... && java -jar ..."): the build has happened.
          int start = line.lastIndexOf("&& ", at);
          commands.add(start >= 0 ? line.substring(start + 3) : line);
        }
      }
    }
    assertFalse(commands.isEmpty(), "the README shows no command that runs the example");
    return commands.stream()
        .map(
            line ->
                DynamicTest.dynamicTest(
                    line,
                    () -> {
                      Command command = Command.parse(line);
                      List<String> args = new ArrayList<>(command.args());
                      int output = args.indexOf("--output");
                      if (output >= 0) {
                        args.set(output + 1, tmp.resolve(args.get(output + 1)).toString());
                      }
                      Map<String, String> env = command.envForTest();
                      Set<String> unset = new HashSet<>(UNSET);
                      unset.removeAll(env.keySet());
                      Result result =
                          ConnectorProcess.run(env, unset, args.toArray(String[]::new));
                      assertEquals(command.expectedExitCode(), result.exitCode(), result.stderr());
                      if (output >= 0) {
                        // Written, and with what the steps collected unless they all failed.
                        Path written = Path.of(args.get(output + 1));
                        assertTrue(Files.exists(written), line);
                        assertTrue(Files.size(written) > 0
                            || result.stderr().contains("Wrote 0 entities and 0 relationships"), line);
                      }
                    }));
  }

  /**
   * Transcripts: {@code $ java -jar ...} and what it prints, after any {@code $ unset NAME} lines,
   * which take a variable the README exported away.
   */
  @TestFactory
  Stream<DynamicTest> transcriptsMatchWhatTheCommandPrints() throws Exception {
    List<List<String>> transcripts = new ArrayList<>();
    for (List<String> block : blocks(readme(), "text")) {
      int first = 0;
      while (first < block.size() && block.get(first).startsWith("$ unset ")) {
        first++;
      }
      if (first < block.size() && block.get(first).startsWith("$ " + JAR_PREFIX)) {
        transcripts.add(block);
      }
    }
    assertFalse(transcripts.isEmpty(), "the README shows no transcript of the example");
    return transcripts.stream()
        .map(
            block ->
                DynamicTest.dynamicTest(
                    String.join("; ", block.subList(0, commandLine(block) + 1)),
                    () -> {
                      int at = commandLine(block);
                      Command command = Command.parse(block.get(at).substring(2));
                      Map<String, String> env = command.envForTest();
                      Set<String> unset = new HashSet<>(UNSET);
                      for (String line : block.subList(0, at)) {
                        String variable = line.substring("$ unset ".length()).trim();
                        env.remove(variable);
                        unset.add(variable);
                      }
                      unset.removeAll(env.keySet());
                      Result result =
                          ConnectorProcess.run(env, unset, command.args().toArray(String[]::new));
                      List<String> printed = new ArrayList<>(result.stdoutLines());
                      printed.addAll(result.stderrLines());
                      assertEquals(block.subList(at + 1, block.size()), printed);
                    }));
  }

  /** The index of a transcript's {@code $ java -jar} line. */
  private static int commandLine(List<String> block) {
    int at = 0;
    while (block.get(at).startsWith("$ unset ")) {
      at++;
    }
    return at;
  }

  /** A run shown in the text block that follows the shell block of its command. */
  record Run(String command, List<String> transcript) {}

  static List<Run> runs(List<String> lines) {
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).equals("```shell")) {
        continue;
      }
      int end = lines.subList(i + 1, lines.size()).indexOf("```") + i + 1;
      List<String> shell = lines.subList(i + 1, end);
      int next = end + 1; // the next fenced block, past the prose that introduces it
      while (next < lines.size() && !lines.get(next).startsWith("```") && !lines.get(next).startsWith("#")) {
        next++;
      }
      if (shell.size() != 1 || !shell.get(0).contains(JAR_PREFIX) || next >= lines.size()
          || !lines.get(next).equals("```text")) {
        continue;
      }
      int close = lines.subList(next + 1, lines.size()).indexOf("```") + next + 1;
      String line = shell.get(0);
      int start = line.lastIndexOf("&& ", line.indexOf(JAR_PREFIX));
      runs.add(new Run(start >= 0 ? line.substring(start + 3) : line, lines.subList(next + 1, close)));
    }
    return runs;
  }

  /**
   * The lines made comparable: measured durations are {@code <t>}, retry waits {@code <backoff>},
   * and the lines of each wave's steps, which end in any order, in the order of their step ids
   * (each step's own lines keep theirs).
   */
  static List<String> comparable(List<String> lines) {
    List<String> out = new ArrayList<>();
    List<String> steps = new ArrayList<>();
    for (String line : lines) {
      String normalized =
          DURATION.matcher(RETRY_WAIT.matcher(line).replaceAll("$1<backoff>:")).replaceAll("$1<t>");
      if (normalized.startsWith("  ")) {
        steps.add(normalized);
        continue;
      }
      steps.sort(java.util.Comparator.comparing(l -> l.substring(2, l.indexOf(':')))); // stable
      out.addAll(steps);
      steps.clear();
      out.add(normalized);
    }
    out.addAll(steps);
    return out;
  }

  @TestFactory
  Stream<DynamicTest> runsShownMatchWhatARunPrints() throws Exception {
    List<Run> runs = runs(readme());
    assertEquals(4, runs.size(), "the runs the README shows after their commands: " + runs);
    return runs.stream()
        .map(
            run ->
                DynamicTest.dynamicTest(
                    run.command(),
                    () -> {
                      Command command = Command.parse(run.command());
                      Path dir = Files.createTempDirectory(tmp, "run");
                      Result result =
                          ConnectorProcess.run(
                              ConnectorProcess.builder(
                                      command.envForTest(), command.args().toArray(String[]::new))
                                  .directory(dir.toFile()));
                      List<String> shown = new ArrayList<>(run.transcript());
                      int echo = shown.indexOf("$ echo $?");
                      if (echo >= 0) {
                        assertEquals(Integer.parseInt(shown.get(echo + 1)), result.exitCode(), result.stderr());
                        shown = shown.subList(0, echo);
                      } else {
                        assertEquals(command.expectedExitCode(), result.exitCode(), result.stderr());
                      }
                      List<String> printed = new ArrayList<>();
                      for (String line : result.stderrLines()) {
                        printed.add(
                            line.replace(dir.toRealPath() + java.io.File.separator, "")
                                .replace(dir.toAbsolutePath() + java.io.File.separator, ""));
                      }
                      assertEquals(comparable(shown), comparable(printed));
                    }));
  }

  @Test
  void theQuickStartBuildsAndRunsTheExampleWithTwoCommands() throws Exception {
    List<List<String>> shell = blocks(readme(), "shell");
    assertTrue(shell.size() >= 2, "the quick start shows two commands");
    List<String> quickStart = shell.get(0).stream().filter(line -> !line.startsWith("export ")).toList();
    assertEquals(1, quickStart.size(), "one command after the exports: " + shell.get(0));
    assertTrue(quickStart.get(0).startsWith("mvn "), shell.get(0).toString());
    assertTrue(quickStart.get(0).contains(" && " + JAR_PREFIX), shell.get(0).toString());
    assertEquals(List.of("mvn verify"), shell.get(1), "the second command runs every test");
  }
}
