package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.github.FailsHere;
import com.acme.github.GitHubConnector_StepGraph;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A failure says where: the human line names the connector's file and line, {@code --stacktrace}
 * prints the whole trace under it, and the JSON event carries both.
 */
@Timeout(120)
class FailureOutputCliTest {
  private static final String NPE =
      "NullPointerException: Cannot invoke \"org.example.json.JsonLib$Node.asBoolean()\" because the"
          + " return value of \"org.example.json.JsonLib$Node.get(String)\" is null";

  private static int line(String step) throws IOException {
    return FailsHere.line("GitHubConnector.java", step);
  }

  @Test
  void theHumanLineOfAFailureNamesTheConnectorsFileAndLine() throws IOException {
    Terminal terminal = new Terminal();

    int exit = terminal.run(GitHubConnector_StepGraph.create(), "--step", "members", "--step", "repos");

    assertEquals(1, exit);
    assertEquals(
        "Run github <run>: 2 steps in 1 wave\n"
            + "Wave 0 (parallel): members, repos\n"
            + "  members: FAILED after <t>: " + NPE + " (at GitHubConnector.java:" + line("members") + ")\n"
            + "  repos: FAILED after <t>: ParseException: Unexpected character 'n' at offset 0"
            + " (at GitHubConnector.java:" + line("repos") + ")\n"
            + "Finished in <t>: 0 succeeded, 2 failed\n",
        HumanLines.inStepOrder(terminal.err()));
  }

  @Test
  void aRetriedAttemptNamesWhereItFailedToo() throws IOException {
    Terminal terminal = new Terminal();

    terminal.run(GitHubConnector_StepGraph.create(), "--step", "teams");

    int at = FailsHere.line("api/GitHubApi.java", "teams");
    assertEquals(
        List.of(
            "  teams: attempt 2/2 after 0ms: IllegalStateException: HTTP 500 from GET /orgs/acme/teams"
                + " (at GitHubApi.java:" + at + ")",
            "  teams: FAILED after 2 attempts in <t>: IllegalStateException: HTTP 500 from GET"
                + " /orgs/acme/teams (at GitHubApi.java:" + at + ")"),
        HumanLines.normalize(terminal.err()).lines().filter(l -> l.startsWith("  ")).toList());
  }

  @Test
  void stacktracePrintsTheWholeTraceUnderTheFailedStepsLine() throws IOException {
    Terminal terminal = new Terminal();

    int exit = terminal.run(GitHubConnector_StepGraph.create(), "--step", "repos", "--stacktrace");

    assertEquals(1, exit);
    List<String> lines = terminal.err().lines().toList();
    int failed = lines.indexOf(lines.stream().filter(l -> l.startsWith("  repos: FAILED")).findFirst().orElseThrow());
    assertEquals(
        List.of(
            "    org.example.json.JsonLib$ParseException: Unexpected character 'n' at offset 0",
            "        at org.example.json.JsonLib.parseObject(JsonLib.java:"
                + FailsHere.line("/org/example/json/JsonLib.java", "parseObject") + ")",
            "        at org.example.json.JsonLib.parse(JsonLib.java:"
                + FailsHere.line("/org/example/json/JsonLib.java", "parse") + ")",
            "        at com.acme.github.GitHubConnector.repos(GitHubConnector.java:" + line("repos") + ")",
            "        at com.acme.github.GitHubConnector_StepGraph.lambda$create$1(GitHubConnector_StepGraph.java:"
                + FailsHere.line("GitHubConnector_StepGraph.java", "repos") + ")"),
        lines.subList(failed + 1, failed + 6));
    assertTrue(lines.get(failed + 6).startsWith("        at dev.stepgraph.runtime.internal."), lines.get(failed + 6));
    assertTrue(lines.get(lines.size() - 1).startsWith("Finished in "), "the trace ends before the summary");
    int traced = 0;
    for (String line : lines.subList(failed + 1, lines.size() - 1)) {
      assertTrue(line.startsWith("    "), "every line of the trace is indented: " + line);
      traced++;
    }
    assertTrue(traced > 6, terminal.err());
  }

  @Test
  void withoutStacktraceNoTraceIsPrinted() {
    Terminal terminal = new Terminal();

    terminal.run(GitHubConnector_StepGraph.create(), "--step", "repos");

    assertTrue(terminal.err().lines().noneMatch(l -> l.contains("\tat ") || l.contains("    at ")), terminal.err());
  }

  @Test
  void theJsonEventOfAFailureCarriesTheLocationAndTheFullStackTrace() throws IOException {
    Terminal terminal = new Terminal();

    terminal.run(GitHubConnector_StepGraph.create(), "--step", "members", "--events", "json");

    String event = terminal.out().lines().filter(l -> l.contains("\"step-failed\"")).findFirst().orElseThrow();
    Map<String, String> fields = fields(event);
    assertEquals("members", fields.get("step"));
    assertEquals(NPE, fields.get("error"));
    assertEquals("java.lang.NullPointerException", fields.get("errorType"));
    assertEquals("GitHubConnector.java:" + line("members"), fields.get("location"));
    assertEquals(
        "com.acme.github.GitHubConnector.members(GitHubConnector.java:" + line("members") + ")",
        fields.get("frame"));
    List<String> trace = fields.get("stackTrace").lines().toList();
    assertEquals("java.lang." + NPE, trace.get(0));
    assertEquals(
        "\tat com.acme.github.GitHubConnector.members(GitHubConnector.java:" + line("members") + ")",
        trace.get(1));
    assertTrue(trace.size() > 5, fields.get("stackTrace"));
  }

  /** The top-level fields of one JSON object, as text. */
  private static Map<String, String> fields(String json) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    try (JsonParser parser = new JsonFactory().createParser(json)) {
      assertEquals(JsonToken.START_OBJECT, parser.nextToken());
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          parser.skipChildren();
          fields.put(name, "(structure)");
        } else {
          fields.put(name, parser.getText());
        }
      }
    }
    return fields;
  }
}
