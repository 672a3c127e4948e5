package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.graph.ConfigKeyDefinition;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.RetryPolicy;
import dev.stepgraph.runtime.graph.StepPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connector's declared configuration keys on the command line: checked before any step runs
 * (exit 2, one line), listed by {@code --help} and {@code plan}, and a secret's value printed
 * nowhere.
 */
class ConfigKeysCliTest {
  private static final String HINT = "Run 'ConnectorMain --help' for usage.\n";

  @TempDir Path dir;

  private final AtomicInteger stepsRun = new AtomicInteger();

  private ConnectorGraph github() {
    return ConnectorGraph.builder("github", "")
        .configKey(ConfigKeyDefinition.required("api.token", "API token, read-only scope").asSecret())
        .configKey(ConfigKeyDefinition.required("api.base-url", "Where the API is"))
        .configKey(ConfigKeyDefinition.optional("api.page-size", "Items per page, default 100"))
        .configKey(ConfigKeyDefinition.optional("org", ""))
        .step("users", "", List.of(), ctx -> {
          stepsRun.incrementAndGet();
          ctx.emit(Entity.of("user", "u-1"));
        })
        .build();
  }

  private Path file(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void aRequiredKeyThatIsNotSetIsExitCode2BeforeAnyStepRuns() {
    Terminal terminal = new Terminal(Map.of("API_BASE_URL", "https://api.example.com"));

    int exit = terminal.run(github(), "run");

    assertEquals(2, exit);
    assertEquals(
        "error: required config key 'api.token' is not set: set environment variable API_TOKEN,"
            + " or pass --config FILE with 'api.token' in it\n" + HINT,
        terminal.err());
    assertEquals("", terminal.out());
    assertEquals(0, stepsRun.get());
  }

  @Test
  void aRequiredKeyNeitherInTheFileNorTheEnvironmentNamesTheFile() throws IOException {
    Path config = file("github.properties", "api.token=t0ps3cret\n");
    Terminal terminal = new Terminal();
    Path output = dir.resolve("out.jsonl");

    int exit = terminal.run(github(), "run", "--config", config.toString(), "--output", output.toString());

    assertEquals(2, exit);
    assertEquals(
        "error: required config key 'api.base-url' is not set: add it to " + config
            + ", or set environment variable API_BASE_URL\n" + HINT,
        terminal.err());
    assertEquals(0, stepsRun.get());
    assertFalse(Files.exists(output), "checked before --output is opened");
  }

  @Test
  void aKeyOfTheFileThatIsNotDeclaredSaysWhichKeyWasMeant() throws IOException {
    Path config = file("github.properties",
        "api.token=t0ps3cret\napi.base-url=https://api.example.com\napi.pagesize=50\n");
    Terminal terminal = new Terminal();

    int exit = terminal.run(github(), "--config", config.toString());

    assertEquals(2, exit);
    assertEquals(
        "error: config key 'api.pagesize' in " + config + " is not declared by connector 'github';"
            + " did you mean 'api.page-size' (environment variable API_PAGE_SIZE)?\n" + HINT,
        terminal.err());
    assertEquals(0, stepsRun.get());
  }

  @Test
  void aKeyOfTheFileLikeNoDeclaredOneListsTheDeclaredKeys() throws IOException {
    Path config = file("github.properties",
        "api.token=t0ps3cret\napi.base-url=https://api.example.com\nproxy.host=10.0.0.1\n");
    Terminal terminal = new Terminal();

    assertEquals(2, terminal.run(github(), "--config", config.toString()));
    assertEquals(
        "error: config key 'proxy.host' in " + config + " is not declared by connector 'github':"
            + " remove it, or declare it with @ConfigKey (declared: api.token, api.base-url,"
            + " api.page-size, org)\n" + HINT,
        terminal.err());
  }

  @Test
  void severalProblemsAreOneLineThatCountsTheRest() throws IOException {
    Path config = file("github.properties", "api.tokn=t0ps3cret\norg.name=acme\n");
    Terminal terminal = new Terminal(Map.of("API_BASE_URL", " "));

    assertEquals(2, terminal.run(github(), "--config", config.toString()));
    assertEquals(
        "error: required config key 'api.token' is not set: add it to " + config
            + ", or set environment variable API_TOKEN; 3 more: required 'api.base-url' is empty,"
            + " 'api.tokn' is not declared, 'org.name' is not declared\n" + HINT,
        terminal.err());
    assertFalse(terminal.err().contains("t0ps3cret"));
  }

  @Test
  void theEnvironmentSetsRequiredKeysAndIsNeverCheckedForUndeclaredOnes() throws IOException {
    Path config = file("github.properties", "api.base-url=https://api.example.com\n");
    Terminal terminal =
        new Terminal(Map.of("API_TOKEN", "t0ps3cret", "HOME", "/home/ann", "API_TOKN", "x"));

    int exit = terminal.run(github(), "--config", config.toString());

    assertEquals(0, exit, terminal.err());
    assertEquals(1, stepsRun.get());
  }

  @Test
  void aConnectorThatDeclaresNoKeyTakesAnyKeyAndNeedsNone() throws IOException {
    Path config = file("any.properties", "whatever.key=1\nAPI_TOKEN=x\n");
    Terminal terminal = new Terminal();

    assertEquals(0, terminal.run(Graphs.inventory(), "--config", config.toString()), terminal.err());
  }

  @Test
  void planListsTheKeysAndNeedsNoConfiguration() {
    Terminal terminal = new Terminal();

    assertEquals(0, terminal.run(github(), "plan"), terminal.err());

    assertEquals(
        String.join("\n",
            "Wave 0 (sequential): users",
            "",
            "Configuration:",
            "  api.token (API_TOKEN): required, secret; API token, read-only scope",
            "  api.base-url (API_BASE_URL): required; Where the API is",
            "  api.page-size (API_PAGE_SIZE): Items per page, default 100",
            "  org (ORG)",
            ""),
        terminal.out());
    assertEquals("", terminal.err());
  }

  @Test
  void helpOfRunListsTheKeysAndHelpOfPlanAndGraphDoesNot() {
    String keys = String.join("\n",
        "",
        "Configuration (--config FILE; the environment variable after each key overrides it):",
        "  api.token (API_TOKEN): required, secret; API token, read-only scope",
        "  api.base-url (API_BASE_URL): required; Where the API is",
        "  api.page-size (API_PAGE_SIZE): Items per page, default 100",
        "  org (ORG)",
        "");
    Terminal root = new Terminal();
    assertEquals(0, root.run(github(), "--help"));
    assertTrue(root.out().endsWith("  runs   Lists the runs recorded in the run store, newest first.\n" + keys), root.out());

    Terminal run = new Terminal();
    assertEquals(0, run.run(github(), "run", "--help"));
    assertTrue(run.out().startsWith("Usage: ConnectorMain run "), run.out());
    assertTrue(run.out().endsWith("Print version information and exit.\n" + keys), run.out());

    Terminal plan = new Terminal();
    assertEquals(0, plan.run(github(), "plan", "--help"));
    assertFalse(plan.out().contains("Configuration"), plan.out());

    Terminal none = new Terminal();
    assertEquals(0, none.run(Graphs.inventory(), "--help"));
    assertFalse(none.out().contains("Configuration ("), none.out());
    assertEquals(0, stepsRun.get());
  }

  @Test
  void helpOfAPackageOfSeveralConnectorsListsTheKeysOfEachOrOfTheChosenOne() {
    Map<String, java.util.function.Supplier<ConnectorGraph>> connectors =
        Map.of("github", this::github, "aws-inventory", Graphs::inventory,
            "gitlab", () -> ConnectorGraph.builder("gitlab", "")
                .configKey(ConfigKeyDefinition.optional("gitlab.group", "The group"))
                .step("projects", "", List.of(), ctx -> {})
                .build());
    String overrides = " (--config FILE; the environment variable after each key overrides it):";

    Terminal all = new Terminal();
    assertEquals(0, all.run(connectors, "--help"));
    assertTrue(all.out().endsWith(String.join("\n",
        "",
        "Configuration of connector github" + overrides,
        "  api.token (API_TOKEN): required, secret; API token, read-only scope",
        "  api.base-url (API_BASE_URL): required; Where the API is",
        "  api.page-size (API_PAGE_SIZE): Items per page, default 100",
        "  org (ORG)",
        "",
        "Configuration of connector gitlab" + overrides,
        "  gitlab.group (GITLAB_GROUP): The group",
        "")), all.out());

    Terminal chosen = new Terminal();
    assertEquals(0, chosen.run(connectors, "run", "--connector", "gitlab", "--help"));
    assertTrue(chosen.out().endsWith("exit.\n\nConfiguration" + overrides
        + "\n  gitlab.group (GITLAB_GROUP): The group\n"), chosen.out());
  }

  /** Every way a step can show a value: logs, errors, retries, skips; none of them prints it. */
  @Test
  void aSecretValueIsPrintedNowhere() throws IOException {
    String secret = "t0ps3cret-42";
    Path config = file("github.properties", "api.token=" + secret + "\napi.base-url=https://api\n");
    Path output = dir.resolve("out.jsonl");
    AtomicInteger attempts = new AtomicInteger();
    ConnectorGraph graph = ConnectorGraph.builder("github", "")
        .configKey(ConfigKeyDefinition.required("api.token", "").asSecret())
        .configKey(ConfigKeyDefinition.required("api.base-url", ""))
        .step("users", "", List.of(),
            StepPolicy.DEFAULT.withRetry(RetryPolicy.of(2, Duration.ZERO, 1.0, Duration.ZERO, 0)),
            ctx -> {
              String token = ctx.config().require("api.token");
              ctx.log().info("calling {} with token {}", ctx.config().require("api.base-url"), token);
              ctx.log().warn("refused", new IllegalStateException("bad token " + token));
              if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("HTTP 401 for Bearer " + token,
                    new RuntimeException("header Authorization: Bearer " + token));
              }
              ctx.emit(Entity.of("user", "u-1").with("login", "ann"));
            })
        .step("teams", "", List.of(), ctx -> ctx.skip("token " + ctx.config().require("api.token") + " has no org scope"))
        .step("repos", "", List.of(), ctx -> {
          throw new IllegalStateException("token " + ctx.config().require("api.token") + " expired");
        })
        .build();
    Terminal terminal = new Terminal();

    int exit = terminal.run(graph, "--config", config.toString(), "--events", "json", "--output", output.toString());

    assertEquals(1, exit, terminal.err());
    String everything = terminal.out() + terminal.err() + Files.readString(output);
    assertFalse(everything.contains(secret), everything);
    String err = terminal.err();
    assertTrue(err.contains("  users: [INFO] calling https://api with token ****\n"), err);
    assertTrue(err.contains("  users: [WARN] refused: IllegalStateException: bad token ****\n"), err);
    assertTrue(err.contains(": IllegalStateException: HTTP 401 for Bearer ****\n"), err);
    assertTrue(err.contains("  teams: SKIPPED: token **** has no org scope\n"), err);
    assertTrue(err.contains(": IllegalStateException: token **** expired\n"), err);
    assertTrue(terminal.out().contains(
        "\"error\":\"IllegalStateException: token **** expired\",\"errorType\":\"java.lang.IllegalStateException\""),
        terminal.out());
    assertTrue(terminal.out().contains("\"message\":\"refused: IllegalStateException: bad token ****\""),
        terminal.out());
  }
}
