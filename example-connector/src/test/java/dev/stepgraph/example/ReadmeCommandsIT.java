package dev.stepgraph.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.example.ConnectorProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the README true: every {@code java -jar example-connector/...} command in it runs, exits
 * as documented, every transcript ({@code $ command} followed by its output) matches what the
 * command prints, and the generated graph it shows is the one the build generates.
 */
class ReadmeCommandsIT {

  private static final String JAR_PREFIX = "java -jar example-connector/target/";

  @TempDir Path tmp;

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
                      Result result =
                          ConnectorProcess.run(command.envForTest(), args.toArray(String[]::new));
                      int expected = command.env().containsKey("API_FAIL") ? 1 : 0;
                      assertEquals(expected, result.exitCode(), result.stderr());
                      if (output >= 0) {
                        assertTrue(Files.size(Path.of(args.get(output + 1))) > 0);
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> transcriptsMatchWhatTheCommandPrints() throws Exception {
    List<List<String>> transcripts = new ArrayList<>();
    for (List<String> block : blocks(readme(), "text")) {
      if (!block.isEmpty() && block.get(0).startsWith("$ " + JAR_PREFIX)) {
        transcripts.add(block);
      }
    }
    assertFalse(transcripts.isEmpty(), "the README shows no transcript of the example");
    return transcripts.stream()
        .map(
            block ->
                DynamicTest.dynamicTest(
                    block.get(0),
                    () -> {
                      Command command = Command.parse(block.get(0).substring(2));
                      Result result =
                          ConnectorProcess.run(
                              command.envForTest(), command.args().toArray(String[]::new));
                      List<String> printed = new ArrayList<>(result.stdoutLines());
                      printed.addAll(result.stderrLines());
                      assertEquals(block.subList(1, block.size()), printed);
                    }));
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
