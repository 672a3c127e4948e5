package dev.stepgraph.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.example.ConnectorProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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

/**
 * Keeps the README true: every {@code java -jar example-connector/...} command in it runs, exits
 * as documented, every transcript ({@code $ command} lines, each followed by its output) matches
 * what the commands print, every run shown after its command matches what a run prints, the test
 * it shows is a test of this build, and the generated graph it shows is the one the build
 * generates.
 *
 * <p>A transcript is a {@code ```text} block whose first line runs the example ({@code $ java -jar
 * example-connector/...}), after any {@code $ unset NAME} lines (which take a variable the README
 * exported away for the rest of the block), or a named one (below). A transcript's commands run
 * one after another in a new working directory (where the run store is, by default). Transcripts fenced as {@code ```text NAME} share the working directory
 * of every transcript of the same NAME, in the order of the README: a story told over several
 * blocks. A command with the example's jar runs it; {@code echo $?} prints the exit code of the
 * command before; any other command runs with {@code sh -c}. What varies from run to run is
 * compared as a placeholder: durations (of a step, a run, a run in the {@code runs} table), retry waits, run ids, times, the order in which the steps
 * of a wave finish, and the padding of a table's columns.
 */
class ReadmeCommandsIT {

  private static final String JAR_PREFIX = "java -jar example-connector/target/";

  /** A measured duration, after the words that introduce one; not a declared timeout. */
  private static final Pattern DURATION = Pattern.compile(
      "(completed in |FAILED after |attempts in |CANCELLED after |Finished in |Cancelled after )"
          + "(?:<1ms|\\d+ms|\\d+(?:\\.\\d)?s|\\d+h(?:\\d+m)?(?:\\d+s)?|\\d+m(?:\\d+s)?)");
  /** The wait before a retry: random, with jitter. */
  private static final Pattern RETRY_WAIT = Pattern.compile("(: attempt \\d+/\\d+ after )[0-9hms.<]+:");
  private static final Pattern RUN_ID = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-f]{4}");
  private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
  /** A run's duration in the {@code runs} table, after its start time. */
  private static final Pattern TABLE_DURATION = Pattern.compile(
      "(<time> +)(?:<1ms|\\d+ms|\\d+(?:\\.\\d)?s|\\d+h(?:\\d+m)?(?:\\d+s)?|\\d+m(?:\\d+s)?)(?= )");
  private static final Pattern PADDING = Pattern.compile("(?<=\\S)  +");
  private static final Pattern OURS = Pattern.compile("\\$ ([A-Z_]+=\\S* )*" + Pattern.quote(JAR_PREFIX));

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
    for (Block block : fenced(lines)) {
      if (block.info().equals(language)) {
        blocks.add(block.lines());
      }
    }
    return blocks;
  }

  /** A fenced block: its info string ({@code text}, {@code text store}) and its lines. */
  record Block(String info, List<String> lines) {}

  static List<Block> fenced(List<String> lines) {
    List<Block> blocks = new ArrayList<>();
    String info = null;
    List<String> current = null;
    for (String line : lines) {
      if (current == null && line.startsWith("```")) {
        info = line.substring(3);
        current = new ArrayList<>();
      } else if (current != null && line.equals("```")) {
        blocks.add(new Block(info, current));
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

  /**
   * A new working directory for the README's commands, where {@code example-connector/} is the
   * repository's (a link), so that the files the README names there ({@code --config
   * example-connector/config/...}) are found as from the repository's root, while the run store
   * and the output stay in the working directory.
   */
  private static Path workingDirectory() throws java.io.IOException {
    Path work = ConnectorProcess.workingDirectory();
    Files.createSymbolicLink(
        work.resolve("example-connector"), ConnectorProcess.repoRoot().resolve("example-connector"));
    return work;
  }

  /**
   * Runs a command in the working directory, in the environment the README exports, without the
   * variables of {@code unset}; returns its exit code and what it printed.
   */
  private static Result execute(String line, Path work, Set<String> unset) throws Exception {
    if (line.contains(JAR_PREFIX) && !line.matches(".*[|><;&*].*")) {
      Command command = Command.parse(line);
      Map<String, String> env = command.envForTest();
      env.keySet().removeAll(unset);
      Set<String> without = new HashSet<>(UNSET);
      without.addAll(unset);
      without.removeAll(env.keySet());
      return ConnectorProcess.run(
          ConnectorProcess.builder(work, env, without, command.args().toArray(String[]::new)));
    }
    String shell =
        line.replace(JAR_PREFIX + ConnectorProcess.jar().getFileName(),
            ConnectorProcess.java() + " -jar " + ConnectorProcess.jar());
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", shell).directory(work.toFile());
    builder.environment().put("API_LATENCY_MS", "0");
    builder.environment().keySet().removeAll(UNSET);
    builder.environment().putAll(exported());
    builder.environment().keySet().removeAll(unset);
    return ConnectorProcess.run(builder);
  }

  @TestFactory
  Stream<DynamicTest> shellCommandsExitAsDocumented() throws Exception {
    List<List<String>> sequences = new ArrayList<>();
    for (List<String> block : blocks(readme(), "shell")) {
      List<String> commands = new ArrayList<>();
      for (String line : block) {
        int at = line.indexOf(JAR_PREFIX);
        if (at >= 0) {
          // The quick start builds first ("mvn ... && java -jar ..."): the build has happened.
          int start = line.lastIndexOf("&& ", at);
          commands.add(start >= 0 ? line.substring(start + 3) : line);
        }
      }
      if (!commands.isEmpty()) {
        sequences.add(commands);
      }
    }
    assertFalse(sequences.isEmpty(), "the README shows no command that runs the example");
    // The commands of one block run one after another, in one working directory.
    return sequences.stream()
        .map(
            commands ->
                DynamicTest.dynamicTest(
                    String.join(" && ", commands),
                    () -> {
                      Path work = workingDirectory();
                      for (String line : commands) {
                        Command command = Command.parse(line);
                        Result result = execute(line, work, Set.of());
                        assertEquals(command.expectedExitCode(), result.exitCode(),
                            line + "\n" + result.stderr());
                        int output = command.args().indexOf("--output");
                        if (output >= 0) {
                          // Written, and with what the steps collected unless they all failed.
                          Path written = work.resolve(command.args().get(output + 1));
                          assertTrue(Files.exists(written), line);
                          assertTrue(Files.size(written) > 0
                              || result.stderr().contains("Wrote 0 entities and 0 relationships"),
                              line);
                        }
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> transcriptsMatchWhatTheCommandsPrint() throws Exception {
    // Transcripts by working directory: each unnamed one alone, each named story together.
    Map<String, List<List<String>>> stories = new LinkedHashMap<>();
    int unnamed = 0;
    for (Block block : fenced(readme())) {
      if (!block.info().startsWith("text") || block.lines().isEmpty()
          || !block.lines().get(0).startsWith("$ ")) {
        continue;
      }
      boolean named = !block.info().equals("text");
      int first = 0;
      while (first < block.lines().size() && block.lines().get(first).startsWith("$ unset ")) {
        first++;
      }
      if (!named && (first == block.lines().size()
          || !OURS.matcher(block.lines().get(first)).lookingAt())) {
        continue; // a transcript of another tool (mvn, javac): shown, not run
      }
      String name = named ? block.info().substring(5).trim() : "#" + unnamed++;
      stories.computeIfAbsent(name, n -> new ArrayList<>()).add(block.lines());
    }
    assertFalse(stories.isEmpty(), "the README shows no transcript of the example");
    return stories.values().stream()
        .map(
            story ->
                DynamicTest.dynamicTest(
                    story.get(0).get(0),
                    () -> {
                      Path work = workingDirectory();
                      int lastExit = 0;
                      for (List<String> block : story) {
                        Set<String> unset = new HashSet<>();
                        for (int i = 0; i < block.size(); ) {
                          String command = block.get(i).substring(2);
                          int end = i + 1;
                          while (end < block.size() && !block.get(end).startsWith("$ ")) {
                            end++;
                          }
                          List<String> expected = block.subList(i + 1, end);
                          List<String> printed = new ArrayList<>();
                          if (command.equals("echo $?")) {
                            printed.add(Integer.toString(lastExit));
                          } else if (command.startsWith("unset ")) {
                            unset.add(command.substring("unset ".length()).trim());
                          } else {
                            Result result = execute(command, work, unset);
                            lastExit = result.exitCode();
                            printed.addAll(result.stdoutLines());
                            printed.addAll(result.stderrLines());
                          }
                          assertEquals(normalize(expected, work), normalize(printed, work),
                              "$ " + command);
                          i = end;
                        }
                      }
                    }));
  }

  /**
   * The lines with what varies as placeholders, the step lines of each wave in step order, and
   * paths in the working directory relative to it.
   */
  static String normalize(List<String> lines, Path work) {
    List<String> out = new ArrayList<>();
    List<String> steps = new ArrayList<>();
    boolean inWave = false;
    for (String raw : lines) {
      String line = raw.replace(work.toString() + "/", "");
      try {
        line = line.replace(work.toRealPath() + "/", "");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      line = RETRY_WAIT.matcher(line).replaceAll("$1<backoff>:");
      line = RUN_ID.matcher(line).replaceAll("<run>");
      line = TIME.matcher(line).replaceAll("<time>");
      line = TABLE_DURATION.matcher(line).replaceAll("$1<t>");
      line = DURATION.matcher(line).replaceAll("$1<t>");
      line = PADDING.matcher(line).replaceAll("  ");
      if (inWave && line.startsWith("  ") && line.indexOf(':') > 0) {
        steps.add(line);
        continue;
      }
      inStepOrder(steps, out);
      out.add(line);
      inWave = line.startsWith("Wave ");
    }
    inStepOrder(steps, out);
    return String.join("\n", out);
  }

  private static void inStepOrder(List<String> steps, List<String> out) {
    steps.sort(Comparator.comparing(line -> line.substring(2, line.indexOf(':')))); // stable
    out.addAll(steps);
    steps.clear();
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
                      Path dir = workingDirectory();
                      Result result = execute(run.command(), dir, Set.of());
                      List<String> shown = new ArrayList<>(run.transcript());
                      int echo = shown.indexOf("$ echo $?");
                      if (echo >= 0) {
                        assertEquals(Integer.parseInt(shown.get(echo + 1)), result.exitCode(), result.stderr());
                        shown = shown.subList(0, echo);
                      } else {
                        assertEquals(command.expectedExitCode(), result.exitCode(), result.stderr());
                      }
                      assertEquals(normalize(shown, dir), normalize(result.stderrLines(), dir),
                          run.command());
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
