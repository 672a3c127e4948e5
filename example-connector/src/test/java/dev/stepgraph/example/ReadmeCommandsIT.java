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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the README true: every {@code java -jar example-connector/...} command in it runs, exits
 * as documented, every transcript ({@code $ command} lines, each followed by its output) matches
 * what the commands print, and the generated graph it shows is the one the build generates.
 *
 * <p>A transcript is a {@code ```text} block whose first line runs the example ({@code $ java -jar
 * example-connector/...}), or a named one (below). A transcript's commands run one after another in a new working directory (where the run
 * store is, by default). Transcripts fenced as {@code ```text NAME} share the working directory
 * of every transcript of the same NAME, in the order of the README: a story told over several
 * blocks. A command with the example's jar runs it; {@code echo $?} prints the exit code of the
 * command before; any other command runs with {@code sh -c}. What varies from run to run is
 * compared as a placeholder: durations, retry waits, run ids, times, the order in which the steps
 * of a wave finish, and the padding of a table's columns.
 */
class ReadmeCommandsIT {

  private static final String JAR_PREFIX = "java -jar example-connector/target/";
  private static final Pattern DURATION = Pattern.compile("\\d+ ms|\\d+\\.\\d s|\\d+ min \\d+ s");
  private static final Pattern RETRY_WAIT = Pattern.compile("(: attempt \\d+/\\d+ after )[0-9hmsn]+:");
  private static final Pattern RUN_ID = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-f]{4}");
  private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
  private static final Pattern PADDING = Pattern.compile("(?<=\\S)  +");
  private static final Pattern OURS = Pattern.compile("\\$ ([A-Z_]+=\\S* )*" + Pattern.quote(JAR_PREFIX));

  /** A command line: environment assignments, then the arguments after the jar. */
  record Command(String line, Map<String, String> env, List<String> args) {
    static Command parse(String line) {
      Map<String, String> env = new LinkedHashMap<>();
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
  }

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

  /** Runs a command in the working directory; returns its exit code and what it printed. */
  private static Result execute(String line, Path work) throws Exception {
    if (line.contains(JAR_PREFIX) && !line.matches(".*[|><;&*].*")) {
      Command command = Command.parse(line);
      return ConnectorProcess.run(
          ConnectorProcess.builder(work, command.envForTest(), command.args().toArray(String[]::new)));
    }
    String shell =
        line.replace(JAR_PREFIX + ConnectorProcess.jar().getFileName(),
            ConnectorProcess.java() + " -jar " + ConnectorProcess.jar());
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", shell).directory(work.toFile());
    builder.environment().put("API_LATENCY_MS", "0");
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
                      Path work = ConnectorProcess.workingDirectory();
                      for (String line : commands) {
                        Command command = Command.parse(line);
                        Result result = execute(line, work);
                        int expected = command.env().containsKey("API_FAIL") ? 1 : 0;
                        assertEquals(expected, result.exitCode(), line + "\n" + result.stderr());
                        int output = command.args().indexOf("--output");
                        if (output >= 0) {
                          assertTrue(Files.size(work.resolve(command.args().get(output + 1))) > 0);
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
      if (!named && !OURS.matcher(block.lines().get(0)).lookingAt()) {
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
                      Path work = ConnectorProcess.workingDirectory();
                      int lastExit = 0;
                      for (List<String> block : story) {
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
                          } else {
                            Result result = execute(command, work);
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
      line = RETRY_WAIT.matcher(line).replaceAll("$1<backoff>:");
      line = RUN_ID.matcher(line).replaceAll("<run>");
      line = TIME.matcher(line).replaceAll("<time>");
      line = DURATION.matcher(line).replaceAll("<t>");
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

  @Test
  void theQuickStartBuildsAndRunsTheExampleWithTwoCommands() throws Exception {
    List<List<String>> shell = blocks(readme(), "shell");
    assertTrue(shell.size() >= 2, "the quick start shows two commands");
    assertTrue(shell.get(0).get(0).startsWith("mvn "), shell.get(0).toString());
    assertTrue(shell.get(0).get(0).contains(" && " + JAR_PREFIX), shell.get(0).toString());
    assertEquals(List.of("mvn verify"), shell.get(1), "the second command runs every test");
  }
}
