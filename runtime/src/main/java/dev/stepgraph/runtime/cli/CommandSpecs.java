package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.store.RunStore;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The picocli model of the command line, built with the programmatic API (no annotations, no
 * reflection): {@code run} (also the root command's own options, as it is the default), {@code
 * plan}, {@code graph} and {@code runs}, each with {@code --help}, {@code --version} and, for a
 * package of several connectors, {@code --connector}.
 */
final class CommandSpecs {
  /** The command's name in usage and help: what a generated connector's main class is called. */
  static final String NAME = "ConnectorMain";

  private CommandSpecs() {}

  /**
   * The root command and its subcommands.
   *
   * @param connectorIds the ids {@code --connector} chooses from, sorted; null for one connector
   */
  static CommandSpec root(@Nullable List<String> connectorIds) {
    return root(connectorIds, List.of());
  }

  /**
   * The root command and its subcommands, with the commands of these providers listed after the
   * runtime's own (each takes its own arguments: it is dispatched before picocli reads any).
   */
  static CommandSpec root(
      @Nullable List<String> connectorIds, List<CliCommandProvider> providers) {
    CommandSpec root = CommandSpec.create().name(NAME);
    root.usageMessage()
        .description("Runs a Stepgraph connector (the default command is 'run').");
    addStandard(root, connectorIds);
    addRunOptions(root);
    CommandSpec run = CommandSpec.create().name("run");
    run.usageMessage().description("Runs the steps, wave by wave (the default).");
    addStandard(run, connectorIds);
    addRunOptions(run);
    CommandSpec plan = CommandSpec.create().name("plan");
    plan.usageMessage().description("Prints the waves without running anything.");
    addStandard(plan, connectorIds);
    plan.addOption(stepOption());
    CommandSpec graph = CommandSpec.create().name("graph");
    graph.usageMessage().description("Prints the step graph.");
    addStandard(graph, connectorIds);
    graph.addOption(
        OptionSpec.builder("--format")
            .paramLabel("dot|mermaid")
            .type(String.class)
            .description("dot (Graphviz, the default) or mermaid.")
            .build());
    CommandSpec runs = CommandSpec.create().name("runs");
    runs.usageMessage()
        .description("Lists the runs recorded in the run store, newest first.");
    addStandard(runs, connectorIds);
    runs.addOption(stateOption());
    root.addSubcommand("run", run);
    root.addSubcommand("plan", plan);
    root.addSubcommand("graph", graph);
    root.addSubcommand("runs", runs);
    for (CliCommandProvider provider : providers) {
      CommandSpec added = CommandSpec.create().name(provider.name());
      added.usageMessage().description(provider.description());
      added.addOption(
          OptionSpec.builder("-h", "--help")
              .usageHelp(true)
              .description("Show this help message and exit.")
              .build());
      root.addSubcommand(provider.name(), added);
    }
    return root;
  }

  private static void addStandard(CommandSpec spec, @Nullable List<String> connectorIds) {
    spec.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("Show this help message and exit.")
            .build());
    spec.addOption(
        OptionSpec.builder("-V", "--version")
            .versionHelp(true)
            .description("Print version information and exit.")
            .build());
    if (connectorIds != null) {
      spec.addOption(
          OptionSpec.builder("--connector")
              .paramLabel("ID")
              .type(String.class)
              .description(
                  "The connector to use (required): " + String.join(", ", connectorIds) + ".")
              .build());
    }
  }

  private static void addRunOptions(CommandSpec spec) {
    spec.addOption(
        OptionSpec.builder("--output")
            .paramLabel("FILE")
            .type(String.class)
            .description(
                "Write every entity and relationship to FILE as JSON Lines (- for standard"
                    + " output).")
            .build());
    spec.addOption(stepOption());
    spec.addOption(
        OptionSpec.builder("--config")
            .paramLabel("FILE")
            .type(String.class)
            .description(
                "Properties file of the connector's configuration; environment variables"
                    + " (api.base-url -> API_BASE_URL) override it.")
            .build());
    spec.addOption(
        OptionSpec.builder("--parallelism")
            .paramLabel("N")
            .type(Integer.class)
            .description("Run at most N steps at once (default: every step of a wave).")
            .build());
    spec.addOption(
        OptionSpec.builder("--events")
            .paramLabel("human|json")
            .type(String.class)
            .description(
                "human (the default): lines on stderr; json: also JSON Lines on stdout.")
            .build());
    spec.addOption(
        OptionSpec.builder("--stacktrace")
            .type(boolean.class)
            .arity("0")
            .description(
                "Print the full stack trace of each failed step in the human lines (the JSON"
                    + " events always carry it).")
            .build());
    spec.addOption(
        OptionSpec.builder("--run-id")
            .paramLabel("ID")
            .type(String.class)
            .description(
                "The id of the run (default: its UTC start time and 4 hex digits,"
                    + " 20261201T204512Z-3fa9).")
            .build());
    spec.addOption(stateOption());
    spec.addOption(
        OptionSpec.builder("--no-state")
            .arity("0")
            .type(boolean.class)
            .description("Record nothing: run without a run store.")
            .build());
    spec.addOption(
        OptionSpec.builder("--resume")
            .paramLabel("RUN_ID")
            .arity("0..1")
            .fallbackValue("")
            .type(String.class)
            .description(
                "Continue the latest recorded run, or RUN_ID: steps it recorded as done (and"
                    + " unchanged) are reused, the others run.")
            .build());
    spec.addOption(
        OptionSpec.builder("--keep-runs")
            .paramLabel("N")
            .type(Integer.class)
            .description(
                "Keep the last N runs of the connector in the store (default: "
                    + RunStore.DEFAULT_KEEP_RUNS + ").")
            .build());
  }

  /** The directory of the run store, {@code .stepgraph} in the working directory by default. */
  static final String DEFAULT_STATE = ".stepgraph";

  private static OptionSpec stateOption() {
    return OptionSpec.builder("--state")
        .paramLabel("DIR")
        .type(String.class)
        .description(
            "The run store's directory (default: " + DEFAULT_STATE + " in the working directory).")
        .build();
  }

  private static OptionSpec stepOption() {
    return OptionSpec.builder("--step")
        .paramLabel("ID")
        .type(String[].class)
        .description("Only this step and the steps it depends on; repeatable.")
        .build();
  }
}
