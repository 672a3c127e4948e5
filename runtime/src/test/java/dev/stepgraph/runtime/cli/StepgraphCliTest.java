package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.Entity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(120)
class StepgraphCliTest {
  @TempDir Path dir;

  @Test
  void planPrintsTheWavesExactly() {
    Terminal terminal = new Terminal();

    int exit = terminal.run(Graphs.inventory(), "plan");

    assertEquals(0, exit);
    assertEquals(
        "Wave 0 (parallel): users, roles, hosts\n"
            + "Wave 1 (parallel): policies, services\n"
            + "Wave 2 (sequential): relationships\n",
        terminal.out());
    assertEquals("", terminal.err());
  }

  @Test
  void planWithStepShowsTheSelectedStepsAndTheirUpstream() {
    Terminal terminal = new Terminal();

    int exit = terminal.run(Graphs.inventory(), "plan", "--step", "services", "--step", "users");

    assertEquals(0, exit);
    assertEquals(
        "Wave 0 (parallel): users, hosts\nWave 1 (sequential): services\n", terminal.out());
  }

  @Test
  void runWritesEveryEntityAndRelationshipAsJsonLines() throws IOException {
    Terminal terminal = new Terminal();
    Path output = dir.resolve("inventory.jsonl");

    int exit = terminal.run(Graphs.inventory(), "run", "--output", output.toString());

    assertEquals(0, exit, terminal.err());
    assertEquals(
        List.of(
            "{\"kind\":\"entity\",\"type\":\"user\",\"key\":\"u-1\",\"properties\":{\"name\":\"Ann\"}}",
            "{\"kind\":\"entity\",\"type\":\"role\",\"key\":\"r-1\",\"properties\":{}}",
            "{\"kind\":\"entity\",\"type\":\"host\",\"key\":\"h-1\",\"properties\":{\"cpus\":4}}",
            "{\"kind\":\"entity\",\"type\":\"policy\",\"key\":\"p-1\",\"properties\":{}}",
            "{\"kind\":\"entity\",\"type\":\"service\",\"key\":\"s-1\",\"properties\":{}}",
            "{\"kind\":\"relationship\",\"type\":\"has-policy\",\"from\":\"u-1\",\"to\":\"p-1\","
                + "\"properties\":{}}"),
        Files.readAllLines(output, StandardCharsets.UTF_8));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(output), files.toList(), "no temporary file left behind");
    }
  }

  @Test
  void runPrintsHumanEventsOnStderrAndNothingOnStdout() {
    Terminal terminal = new Terminal();

    int exit = terminal.run(Graphs.inventory());

    assertEquals(0, exit);
    assertEquals("", terminal.out());
    assertEquals(
        "Run aws-inventory <run>: 6 steps in 3 waves\n"
            + "Wave 0 (parallel): users, roles, hosts\n"
            + "  hosts: completed in <t>, 1 host\n"
            + "  roles: completed in <t>, 1 role\n"
            + "  users: completed in <t>, 1 user\n"
            + "Wave 1 (parallel): policies, services\n"
            + "  policies: completed in <t>, 1 policy\n"
            + "  services: completed in <t>, 1 service\n"
            + "Wave 2 (sequential): relationships\n"
            + "  relationships: completed in <t>, 1 relationship\n"
            + "Finished in <t>: 6 succeeded\n",
        HumanLines.inStepOrder(terminal.err()));
  }

  @Test
  void aFailedStepMeansExitCode1AndOnlyTheSucceededStepsAreWritten() throws IOException {
    Terminal terminal = new Terminal();
    Path output = dir.resolve("out.jsonl");

    int exit = terminal.run(Graphs.halfFailing(), "--output", output.toString());

    assertEquals(1, exit);
    assertEquals(
        "Run half <run>: 2 steps in 1 wave\n"
            + "Wave 0 (parallel): good, bad\n"
            + "  bad: FAILED after <t>: IllegalStateException: API timeout\n"
            + "  good: completed in <t>, 1 user\n"
            + "Finished in <t>: 1 succeeded, 1 failed\n"
            + "Wrote 1 entity and 0 relationships to " + output + "\n",
        HumanLines.inStepOrder(terminal.err()));
    assertEquals(
        List.of("{\"kind\":\"entity\",\"type\":\"user\",\"key\":\"u-1\",\"properties\":{}}"),
        Files.readAllLines(output));
  }

  @Test
  void jsonEventsGoToStdoutOneObjectPerLine() {
    Terminal terminal = new Terminal();
    ConnectorGraph graph =
        ConnectorGraph.builder("json", "")
            .step("a", "", List.of(), 0, ctx -> {
              ctx.log().info("hello \"world\"");
              ctx.emit(Entity.of("user", "u-1"));
            })
            .step("b", "", List.of("a"), 1, ctx -> {
              throw new IllegalStateException("boom");
            })
            .build();

    int exit = terminal.run(graph, "--events", "json");

    assertEquals(1, exit);
    String time = "\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z\"";
    List<String> patterns =
        List.of(
            "\\{\"event\":\"run-started\"," + time + ",\"connector\":\"json\",\"run\":\"\\d{8}T\\d{6}Z-[0-9a-f]{4}\",\"resumed\":false,\"steps\":2,\"waves\":2}",
            "\\{\"event\":\"wave-started\"," + time + ",\"wave\":0,\"steps\":\\[\"a\"]}",
            "\\{\"event\":\"step-started\"," + time + ",\"step\":\"a\",\"wave\":0}",
            "\\{\"event\":\"step-log\"," + time
                + ",\"step\":\"a\",\"level\":\"INFO\",\"message\":\"hello \\\\\"world\\\\\"\"}",
            "\\{\"event\":\"step-completed\"," + time
                + ",\"step\":\"a\",\"durationMs\":\\d+,\"entities\":\\{\"user\":1},\"relationships\":0,"
                + "\"attempts\":1}",
            "\\{\"event\":\"wave-started\"," + time + ",\"wave\":1,\"steps\":\\[\"b\"]}",
            "\\{\"event\":\"step-started\"," + time + ",\"step\":\"b\",\"wave\":1}",
            "\\{\"event\":\"step-failed\"," + time + ",\"step\":\"b\",\"durationMs\":\\d+,"
                + "\"error\":\"IllegalStateException: boom\",\"errorType\":\"java.lang.IllegalStateException\","
                + "\"attempts\":1,\"stackTrace\":\"java.lang.IllegalStateException: boom\\\\n\\\\tat "
                + "dev.stepgraph.runtime.cli.StepgraphCliTest.lambda\\$jsonEventsGoToStdoutOneObjectPerLine\\$\\d+"
                + "\\(StepgraphCliTest.java:\\d+\\)\\\\n.*\"}",
            "\\{\"event\":\"run-finished\"," + time + ",\"durationMs\":\\d+,\"cancelled\":false,"
                + "\"steps\":\\{\"succeeded\":1,\"failed\":1,\"timed_out\":0,\"skipped\":0,"
                + "\"cancelled\":0,\"not_run\":0,\"reused\":0}}");
    List<String> lines = terminal.out().lines().toList();
    assertEquals(patterns.size(), lines.size(), terminal.out());
    for (int i = 0; i < lines.size(); i++) {
      assertTrue(lines.get(i).matches(patterns.get(i)), lines.get(i));
    }
    assertEquals(
        "Run json <run>: 2 steps in 2 waves\n"
            + "Wave 0 (sequential): a\n"
            + "  a: [INFO] hello \"world\"\n"
            + "  a: completed in <t>, 1 user\n"
            + "Wave 1 (sequential): b\n"
            + "  b: FAILED after <t>: IllegalStateException: boom\n"
            + "Finished in <t>: 1 succeeded, 1 failed\n",
        HumanLines.normalize(terminal.err()),
        "the human lines stay on stderr");
  }

  @Test
  void stepLogsAppearInTheHumanLines() {
    Terminal terminal = new Terminal();
    ConnectorGraph graph =
        ConnectorGraph.builder("logs", "")
            .step("a", "", List.of(), 0, ctx -> {
              ctx.log().warn("page {} was empty", 3);
              ctx.log().debug("too chatty for humans");
            })
            .build();

    assertEquals(0, terminal.run(graph));

    assertEquals(
        "Run logs <run>: 1 step in 1 wave\n"
            + "Wave 0 (sequential): a\n"
            + "  a: [WARN] page 3 was empty\n"
            + "  a: completed in <t>, nothing emitted\n"
            + "Finished in <t>: 1 succeeded\n",
        HumanLines.normalize(terminal.err()),
        "DEBUG lines are left out");
  }

  @Test
  void configComesFromTheFileOverriddenByTheEnvironment() throws IOException {
    Path config = dir.resolve("c.properties");
    Files.writeString(config, "region=eu-west-1\napi.token=file-token\n");
    StringBuilder seen = new StringBuilder();
    ConnectorGraph graph =
        ConnectorGraph.builder("config", "")
            .step("a", "", List.of(), 0, ctx ->
                seen.append(ctx.config().require("region")).append(' ')
                    .append(ctx.config().require("api.token")))
            .build();
    Terminal terminal = new Terminal(Map.of("API_TOKEN", "env-token"));

    int exit = terminal.run(graph, "--config", config.toString());

    assertEquals(0, exit, terminal.err());
    assertEquals("eu-west-1 env-token", seen.toString());
  }

  @Test
  void aMissingConfigKeyFailsTheStepNamingTheKeyNotTheValues() throws IOException {
    Path config = dir.resolve("c.properties");
    Files.writeString(config, "api.token=s3cr3t\n");
    ConnectorGraph graph =
        ConnectorGraph.builder("config", "")
            .step("a", "", List.of(), 0, ctx -> ctx.config().require("api.base-url"))
            .build();
    Terminal terminal = new Terminal();

    int exit = terminal.run(graph, "--config", config.toString());

    assertEquals(1, exit);
    assertEquals(
        "Run config <run>: 1 step in 1 wave\n"
            + "Wave 0 (sequential): a\n"
            + "  a: FAILED after <t>: ConfigException: config key 'api.base-url' is not set:"
            + " not in " + config + " and environment variable API_BASE_URL is not set\n"
            + "Finished in <t>: 0 succeeded, 1 failed\n",
        HumanLines.normalize(terminal.err()),
        "the key and where it was looked for, never a value");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--bogus | error: Unknown option: '--bogus'",
        "run --step polices | error: unknown step 'polices'; did you mean 'policies'? (steps: users, roles, hosts, policies, services, relationships)",
        "plan --step nope-nope-nope | error: unknown step 'nope-nope-nope' (steps: users, roles, hosts, policies, services, relationships)",
        "--parallelism 0 | error: --parallelism must be at least 1, was 0",
        "--parallelism many | error: Invalid value for option '--parallelism': 'many' is not an int",
        "--events xml | error: --events must be 'human' or 'json', was 'xml'",
        "--config /no/such/file.properties | error: cannot read config file '/no/such/file.properties': no such file",
        "--output /no/such/dir/out.jsonl | error: cannot write --output /no/such/dir/out.jsonl: directory /no/such/dir does not exist",
        "graph --format png | error: --format must be 'dot' or 'mermaid', was 'png'",
        "run --output | error: Missing required parameter for option '--output' (FILE)",
      })
  void badUsageIsExitCode2WithOneErrorLineAndAHint(String args, String error) {
    Terminal terminal = new Terminal();

    int exit = terminal.run(Graphs.inventory(), args.split(" "));

    assertEquals(2, exit);
    assertEquals(error + "\nRun 'ConnectorMain --help' for usage.\n", terminal.err());
    assertEquals("", terminal.out());
  }

  @Test
  void aConfigFileThatIsNotUtf8IsExitCode2SayingWhere() throws IOException {
    Path config = dir.resolve("latin1.properties");
    Files.write(config, "password=caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    Terminal terminal = new Terminal();

    int exit = terminal.run(Graphs.inventory(), "--config", config.toString());

    assertEquals(2, exit);
    assertEquals(
        "error: config file '" + config + "' is not UTF-8: line 1 has a byte that is not valid"
            + " UTF-8 (byte offset 12); save the file as UTF-8\n"
            + "Run 'ConnectorMain --help' for usage.\n",
        terminal.err());
  }

  @Test
  void aConfigFileThatIsADirectoryIsExitCode2() {
    Terminal terminal = new Terminal();

    int exit = terminal.run(Graphs.inventory(), "--config", dir.toString());

    assertEquals(2, exit);
    assertEquals(
        "error: cannot read config file '" + dir + "': Is a directory\n"
            + "Run 'ConnectorMain --help' for usage.\n",
        terminal.err());
  }

  @Test
  void severalConnectorsNeedConnectorAndListTheIds() {
    Map<String, Supplier<ConnectorGraph>> connectors =
        Map.of("aws-inventory", Graphs::inventory, "half", Graphs::halfFailing);

    Terminal missing = new Terminal();
    assertEquals(2, missing.run(connectors, "plan"));
    assertEquals(
        "error: this package has several connectors; choose one with --connector ID (connectors:"
            + " aws-inventory, half)\nRun 'ConnectorMain --help' for usage.\n",
        missing.err());

    Terminal unknown = new Terminal();
    assertEquals(2, unknown.run(connectors, "plan", "--connector", "aws-inventroy"));
    assertEquals(
        "error: unknown connector 'aws-inventroy'; did you mean 'aws-inventory'? (connectors:"
            + " aws-inventory, half)\nRun 'ConnectorMain --help' for usage.\n",
        unknown.err());

    Terminal chosen = new Terminal();
    assertEquals(0, chosen.run(connectors, "--connector", "half", "plan"));
    assertEquals("Wave 0 (parallel): good, bad\n", chosen.out());

    Terminal afterSubcommand = new Terminal();
    assertEquals(1, afterSubcommand.run(connectors, "run", "--connector", "half"));
  }

  @Test
  void graphPrintsDot() {
    Terminal terminal = new Terminal();

    assertEquals(0, terminal.run(Graphs.inventory(), "graph", "--format", "dot"));

    assertEquals(
        "digraph \"aws-inventory\" {\n"
            + "  rankdir=LR;\n"
            + "  { rank=same; \"users\"; \"roles\"; \"hosts\"; } // wave 0\n"
            + "  { rank=same; \"policies\"; \"services\"; } // wave 1\n"
            + "  { rank=same; \"relationships\"; } // wave 2\n"
            + "  \"roles\" -> \"policies\";\n"
            + "  \"hosts\" -> \"services\";\n"
            + "  \"users\" -> \"relationships\";\n"
            + "  \"policies\" -> \"relationships\";\n"
            + "}\n",
        terminal.out());
  }

  @Test
  void graphPrintsMermaid() {
    Terminal terminal = new Terminal();
    ConnectorGraph graph =
        ConnectorGraph.builder("m", "")
            .step("host-groups", "", List.of(), 0, ctx -> {})
            .step("hosts", "", List.of("host-groups"), 1, ctx -> {})
            .build();

    assertEquals(0, terminal.run(graph, "graph", "--format", "mermaid"));

    assertEquals(
        "flowchart LR\n"
            + "  host_groups[\"host-groups\"]\n"
            + "  hosts[\"hosts\"]\n"
            + "  host_groups --> hosts\n",
        terminal.out());
  }

  @Test
  void helpAndVersionExitWith0() {
    Terminal help = new Terminal();
    assertEquals(0, help.run(Graphs.inventory(), "--help"));
    assertEquals(
        "Usage: ConnectorMain [-hV] [--no-state] [--stacktrace] [--resume[=RUN_ID]]\n"
            + "                     [--config=FILE] [--events=human|json] [--keep-runs=N]\n"
            + "                     [--output=FILE] [--parallelism=N] [--run-id=ID]\n"
            + "                     [--state=DIR] [--step=ID]... [COMMAND]\n"
            + "Runs a Stepgraph connector (the default command is 'run').\n"
            + "      --config=FILE         Properties file of the connector's configuration;\n"
            + "                              environment variables (api.base-url ->\n"
            + "                              API_BASE_URL) override it.\n"
            + "      --events=human|json   human (the default): lines on stderr; json: also\n"
            + "                              JSON Lines on stdout.\n"
            + "  -h, --help                Show this help message and exit.\n"
            + "      --keep-runs=N         Keep the last N runs of the connector in the store\n"
            + "                              (default: 10).\n"
            + "      --no-state            Record nothing: run without a run store.\n"
            + "      --output=FILE         Write every entity and relationship to FILE as JSON\n"
            + "                              Lines (- for standard output).\n"
            + "      --parallelism=N       Run at most N steps at once (default: every step of\n"
            + "                              a wave).\n"
            + "      --resume[=RUN_ID]     Continue the latest recorded run, or RUN_ID: steps\n"
            + "                              it recorded as done (and unchanged) are reused,\n"
            + "                              the others run.\n"
            + "      --run-id=ID           The id of the run (default: its UTC start time and\n"
            + "                              4 hex digits, 20261201T204512Z-3fa9).\n"
            + "      --stacktrace          Print the full stack trace of each failed step in\n"
            + "                              the human lines (the JSON events always carry it).\n"
            + "      --state=DIR           The run store's directory (default: .stepgraph in\n"
            + "                              the working directory).\n"
            + "      --step=ID             Only this step and the steps it depends on;\n"
            + "                              repeatable.\n"
            + "  -V, --version             Print version information and exit.\n"
            + "Commands:\n"
            + "  run    Runs the steps, wave by wave (the default).\n"
            + "  plan   Prints the waves without running anything.\n"
            + "  graph  Prints the step graph.\n"
            + "  runs   Lists the runs recorded in the run store, newest first.\n",
        help.out());
    assertEquals("", help.err());

    Terminal planHelp = new Terminal();
    assertEquals(0, planHelp.run(Graphs.inventory(), "plan", "--help"));
    assertEquals(
        "Usage: ConnectorMain plan [-hV] [--step=ID]...\n"
            + "Prints the waves without running anything.\n"
            + "  -h, --help      Show this help message and exit.\n"
            + "      --step=ID   Only this step and the steps it depends on; repeatable.\n"
            + "  -V, --version   Print version information and exit.\n",
        planHelp.out());

    Terminal graphHelp = new Terminal();
    assertEquals(0, graphHelp.run(Graphs.inventory(), "graph", "--help"));
    assertEquals(
        "Usage: ConnectorMain graph [-hV] [--format=dot|mermaid]\n"
            + "Prints the step graph.\n"
            + "      --format=dot|mermaid   dot (Graphviz, the default) or mermaid.\n"
            + "  -h, --help                 Show this help message and exit.\n"
            + "  -V, --version              Print version information and exit.\n",
        graphHelp.out());

    // The tests run the runtime from its classes, not its jar: no version in a manifest.
    Terminal version = new Terminal();
    assertEquals(0, version.run(Graphs.inventory(), "--version"));
    assertEquals("Stepgraph runtime (development build)\n", version.out());

    Terminal connectors = new Terminal();
    assertEquals(
        0,
        connectors.run(
            Map.of("aws-inventory", Graphs::inventory, "half", Graphs::halfFailing), "--version"));
    assertEquals(
        "Stepgraph runtime (development build); connectors: aws-inventory, half\n",
        connectors.out());
  }

  @Test
  void noUsageErrorPrintsAStackTrace() {
    Terminal terminal = new Terminal();
    ConnectorGraph graph =
        ConnectorGraph.builder("x", "")
            .step("a", "", List.of(), 0, ctx -> {
              throw new IllegalStateException("multi\nline");
            })
            .build();

    assertEquals(1, terminal.run(graph));

    assertEquals(
        "Run x <run>: 1 step in 1 wave\n"
            + "Wave 0 (sequential): a\n"
            + "  a: FAILED after <t>: IllegalStateException: multi line\n"
            + "Finished in <t>: 0 succeeded, 1 failed\n",
        HumanLines.normalize(terminal.err()));
  }
}
