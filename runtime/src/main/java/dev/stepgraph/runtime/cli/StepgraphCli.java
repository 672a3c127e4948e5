package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.run.ConnectorRunner;
import dev.stepgraph.runtime.run.RunReport;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.internal.Errors;
import dev.stepgraph.runtime.internal.Suggestions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line of a connector: what the generated {@code ConnectorMain} calls.
 *
 * <pre>
 * ConnectorMain [run] [--output FILE] [--step ID]... [--config FILE] [--parallelism N] [--events human|json]
 * ConnectorMain plan [--step ID]...
 * ConnectorMain graph [--format dot|mermaid]
 * </pre>
 *
 * Built with picocli's programmatic API (no annotations, no reflection).
 */
public final class StepgraphCli {
  static final String NAME = "ConnectorMain";

  /** Exit code: no step failed or timed out (skipped steps are fine). */
  static final int OK = 0;
  /** Exit code: one or more steps failed or timed out. */
  static final int STEPS_FAILED = 1;
  /** Exit code: bad usage or bad input, found before any step runs. */
  static final int USAGE = 2;
  /**
   * Exit code: the run's results could not be written ({@code --output}, or the standard output
   * of {@code plan} and {@code graph}); wins over {@link #STEPS_FAILED}.
   */
  static final int OUTPUT_FAILED = 3;
  /**
   * Exit code: cancelled (Ctrl-C), as the JVM's own status on SIGINT; wins over every other. A
   * process stopped by a signal exits with the JVM's status for it, 128 + the signal's number:
   * 130 for SIGINT, 143 for SIGTERM.
   */
  static final int CANCELLED = 130;

  private StepgraphCli() {}

  /**
   * Runs the command line for one connector and returns the exit code: 0 no step failed (skipped
   * steps are fine), 1 one or more steps failed or timed out, 2 bad usage or bad input, 3 the
   * results could not be written, 130 cancelled. When several apply, 130 wins, then 3, then 1.
   */
  public static int execute(String[] args, Supplier<ConnectorGraph> connector) {
    return execute(args, null, connector, CliIo.system());
  }

  /**
   * Runs the command line for a package with several connectors, chosen with {@code --connector
   * ID}; keys are connector ids.
   */
  public static int execute(String[] args, Map<String, Supplier<ConnectorGraph>> connectors) {
    return execute(args, connectors, null, CliIo.system());
  }

  /** The in-process entry point of tests: streams, environment and Ctrl-C are injected. */
  static int execute(String[] args, Supplier<ConnectorGraph> connector, CliIo io) {
    return execute(args, null, connector, io);
  }

  /** The in-process entry point of tests, several connectors. */
  static int execute(String[] args, Map<String, Supplier<ConnectorGraph>> connectors, CliIo io) {
    return execute(args, connectors, null, io);
  }

  private static int execute(
      String[] args,
      @Nullable Map<String, Supplier<ConnectorGraph>> connectors,
      @Nullable Supplier<ConnectorGraph> single,
      CliIo io) {
    try {
      return new Command(connectors, single, io).execute(args);
    } catch (UsageException e) {
      io.err().println("error: " + Errors.line(e.getMessage()));
      io.err().println("Run '" + NAME + " --help' for usage.");
      io.err().flush();
      return USAGE;
    } catch (RuntimeException | Error e) {
      io.err().println("error: " + Errors.line(String.valueOf(e)));
      io.err().flush();
      return STEPS_FAILED;
    }
  }

  /** Bad usage or bad input: exit code 2, one line on stderr. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message, null, false, false);
    }
  }

  /** One invocation. */
  private static final class Command {
    private final @Nullable Map<String, Supplier<ConnectorGraph>> connectors;
    private final @Nullable Supplier<ConnectorGraph> single;
    private final CliIo io;

    Command(
        @Nullable Map<String, Supplier<ConnectorGraph>> connectors,
        @Nullable Supplier<ConnectorGraph> single,
        CliIo io) {
      this.connectors = connectors;
      this.single = single;
      this.io = io;
    }

    int execute(String[] args) {
      CommandLine commandLine = new CommandLine(spec());
      commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
      PrintWriter out = new PrintWriter(io.out(), true, StandardCharsets.UTF_8);
      commandLine.setOut(out);
      commandLine.setErr(new PrintWriter(io.err(), true, StandardCharsets.UTF_8));
      ParseResult root;
      try {
        root = commandLine.parseArgs(args);
      } catch (CommandLine.ParameterException e) {
        throw new UsageException(e.getMessage());
      }
      ParseResult sub = root.subcommand();
      boolean helpRequested =
          root.isUsageHelpRequested() || (sub != null && sub.isUsageHelpRequested());
      if (!helpRequested
          && (root.isVersionHelpRequested() || (sub != null && sub.isVersionHelpRequested()))) {
        io.out().println(version());
        return printed("the version");
      }
      if (CommandLine.printHelpIfRequested(root)) {
        out.flush();
        return printed("the help");
      }
      String name = sub == null ? "run" : sub.commandSpec().name();
      Options options = new Options(root, sub);
      switch (name) {
        case "plan":
          return plan(options);
        case "graph":
          return graph(options);
        default:
          return run(options);
      }
    }

    private CommandSpec spec() {
      CommandSpec root = CommandSpec.create().name(NAME);
      root.usageMessage()
          .description("Runs a Stepgraph connector (the default command is 'run').");
      addStandard(root);
      addRunOptions(root);
      CommandSpec run = CommandSpec.create().name("run");
      run.usageMessage().description("Runs the steps, wave by wave (the default).");
      addStandard(run);
      addRunOptions(run);
      CommandSpec plan = CommandSpec.create().name("plan");
      plan.usageMessage().description("Prints the waves without running anything.");
      addStandard(plan);
      plan.addOption(stepOption());
      CommandSpec graph = CommandSpec.create().name("graph");
      graph.usageMessage().description("Prints the step graph.");
      addStandard(graph);
      graph.addOption(
          OptionSpec.builder("--format")
              .paramLabel("dot|mermaid")
              .type(String.class)
              .description("dot (Graphviz, the default) or mermaid.")
              .build());
      root.addSubcommand("run", run);
      root.addSubcommand("plan", plan);
      root.addSubcommand("graph", graph);
      return root;
    }

    private void addStandard(CommandSpec spec) {
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
      if (connectors != null) {
        spec.addOption(
            OptionSpec.builder("--connector")
                .paramLabel("ID")
                .type(String.class)
                .description(
                    "The connector to use (required): "
                        + String.join(", ", new TreeSet<>(connectors.keySet()))
                        + ".")
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
    }

    private static OptionSpec stepOption() {
      return OptionSpec.builder("--step")
          .paramLabel("ID")
          .type(String[].class)
          .description("Only this step and the steps it depends on; repeatable.")
          .build();
    }

    private String version() {
      String runtime = StepgraphCli.class.getPackage().getImplementationVersion();
      String versionText = "Stepgraph runtime " + (runtime == null ? "(development build)" : runtime);
      if (connectors != null) {
        return versionText + "; connectors: " + String.join(", ", new TreeSet<>(connectors.keySet()));
      }
      return versionText;
    }

    private ConnectorGraph connector(Options options) {
      if (single != null) {
        return single.get();
      }
      Map<String, Supplier<ConnectorGraph>> all = connectors == null ? Map.of() : connectors;
      List<String> sortedIds = new ArrayList<>(new TreeSet<>(all.keySet()));
      String ids = String.join(", ", sortedIds);
      String id = options.string("--connector");
      if (id == null) {
        throw new UsageException(
            "this package has several connectors; choose one with --connector ID (connectors: "
                + ids + ")");
      }
      Supplier<ConnectorGraph> supplier = all.get(id);
      if (supplier == null) {
        throw new UsageException(
            "unknown connector '" + id + "'" + Suggestions.didYouMean(id, sortedIds)
                + " (connectors: " + ids + ")");
      }
      return supplier.get();
    }

    private ConnectorRunner.Builder runner(Options options) {
      return ConnectorRunner.builder(connector(options)).steps(Arrays.asList(options.steps()));
    }

    private static ConnectorRunner build(ConnectorRunner.Builder builder) {
      try {
        return builder.build();
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }

    private int plan(Options options) {
      ConnectorGraph graph = build(runner(options)).graph();
      List<List<StepDefinition>> waves = graph.waves();
      for (int i = 0; i < waves.size(); i++) {
        List<String> ids = new ArrayList<>();
        for (StepDefinition step : waves.get(i)) {
          ids.add(step.id());
        }
        io.out().println(Formats.waveLine(i, ids));
      }
      List<String> policies = new ArrayList<>();
      for (StepDefinition step : graph.steps()) {
        String policy = step.policy().describe();
        if (!policy.isEmpty()) {
          policies.add("  " + step.id() + ": " + policy);
        }
      }
      if (!policies.isEmpty()) {
        io.out().println();
        io.out().println("Policies:");
        for (String line : policies) {
          io.out().println(line);
        }
      }
      return printed("the plan");
    }

    /**
     * Exit code 0 if standard output took what was printed on it, else 3 with one line on stderr
     * (stdout closed, a full disk, a reader gone): a command must not claim a plan nobody got.
     */
    private int printed(String what) {
      io.out().flush();
      if (io.out().checkError()) {
        io.err().println("error: cannot write " + what + " to standard output");
        io.err().flush();
        return OUTPUT_FAILED;
      }
      return OK;
    }

    private int graph(Options options) {
      String format = options.string("--format");
      ConnectorGraph graph = connector(options);
      if (format == null || format.equals("dot")) {
        io.out().print(GraphFormats.dot(graph));
      } else if (format.equals("mermaid")) {
        io.out().print(GraphFormats.mermaid(graph));
      } else {
        throw new UsageException("--format must be 'dot' or 'mermaid', was '" + format + "'");
      }
      return printed("the graph");
    }

    private int run(Options options) {
      String events = options.string("--events");
      if (events != null && !events.equals("human") && !events.equals("json")) {
        throw new UsageException("--events must be 'human' or 'json', was '" + events + "'");
      }
      Integer parallelism = options.integer("--parallelism");
      if (parallelism != null && parallelism < 1) {
        throw new UsageException("--parallelism must be at least 1, was " + parallelism);
      }
      String outputValue = options.string("--output");
      if ("-".equals(outputValue) && "json".equals(events)) {
        throw new UsageException(
            "--output - and --events json would both write to standard output: send one of them"
                + " to a file");
      }
      Config config = config(options.string("--config"));
      ConnectorRunner.Builder builder = runner(options).config(config);
      if (parallelism != null) {
        builder.parallelism(parallelism);
      }
      builder.listener(new HumanEvents(io.err()));
      JsonEvents json = null;
      if ("json".equals(events)) {
        json = new JsonEvents(io.out());
        builder.listener(json);
      }
      RunningSteps running = new RunningSteps();
      builder.listener(running);
      ConnectorRunner runner = build(builder);
      // The last check, as opening a FIFO waits for its reader.
      @Nullable Destination output = outputValue == null ? null : output(outputValue);
      try {
        return run(runner, output, running, json);
      } finally {
        if (output != null) {
          output.close();
        }
      }
    }

    /** Checks {@code --output} before any step runs: a run never collects what it cannot write. */
    private Destination output(String value) {
      Destination output;
      try {
        output = OutputFile.open(value, io.out());
      } catch (OutputFile.Unusable e) {
        throw new UsageException(e.getMessage());
      }
      for (Path stale : output.removedStaleFiles()) {
        io.err().println("Removed " + stale + ", left by an earlier run that did not finish");
      }
      return output;
    }

    private int run(
        ConnectorRunner runner,
        @Nullable Destination output,
        RunningSteps running,
        @Nullable JsonEvents json) {
      CountDownLatch finished = new CountDownLatch(1);
      AtomicBoolean interrupted = new AtomicBoolean();
      RunReport report;
      int exit;
      ExitWatch exits = ExitWatch.start();
      Interrupts.Registration registration =
          io.interrupts().onInterrupt(() -> {
            interrupted.set(true);
            ExitWatch.Exit call = exits.exitCall();
            if (call != null) { // not a signal: a step called System.exit
              io.err().println("error: " + Formats.terminalSafe(ExitWatch.describe(call, running.now())));
              io.err().flush();
            }
            stop(runner, finished, output);
          });
      try {
        report = runner.run();
        for (String warning : report.warnings()) {
          io.err().println("warning: " + Formats.terminalSafe(warning));
        }
        exit = report.hasFailures() ? STEPS_FAILED : OK;
        if (json != null && json.failed()) {
          exit = OUTPUT_FAILED; // the events a consumer was reading did not all get out
        }
        if (output != null && !write(report, output)) {
          exit = OUTPUT_FAILED;
        }
        io.err().flush();
      } finally {
        finished.countDown();
        registration.close();
        exits.stop();
      }
      // An interrupt that came while the output was written still ends the process with 130.
      return report.cancelled() || interrupted.get() ? CANCELLED : exit;
    }

    /** Writes the output; false, said in one line, if it failed. */
    private boolean write(RunReport report, Destination output) {
      try {
        JsonLines.Written written = output.write(report.steps(), io.progress());
        io.err().println(
            "Wrote " + Formats.plural(written.entities(), "entity", "entities") + " and "
                + Formats.plural(written.relationships(), "relationship", "relationships")
                + " to " + output.name);
        return true;
      } catch (IOException | RuntimeException e) {
        if (!output.abandoned()) { // else the interrupt handler has said so
          io.err().println("error: cannot write " + output.shown + ": " + Errors.reason(e) + "; "
              + output.afterFailure());
        }
        return false;
      }
    }

    /**
     * The interrupt handler (SIGINT, SIGTERM): cancel, then wait, bounded, until the output is
     * written; when the wait runs out, abandon the write (its temporary file goes) and say so,
     * before the JVM halts.
     */
    private void stop(
        ConnectorRunner runner, CountDownLatch finished, @Nullable Destination output) {
      runner.cancel();
      if (output != null && output.writing()) {
        io.err().println("Interrupted while writing " + output.shown + ": waiting up to "
            + StepPolicy.formatDuration(io.stopWait()) + " for the write to finish");
        io.err().flush();
      }
      boolean done;
      try {
        done = finished.await(io.stopWait().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        done = false;
      }
      if (!done && output != null) {
        String abandoned = output.abandon();
        if (abandoned != null) {
          io.err().println("error: " + abandoned);
          io.err().flush();
        }
      }
    }

    private Config config(@Nullable String file) {
      if (file == null) {
        return Config.of(Map.of(), io.environment());
      }
      try {
        return Config.load(Paths.get(file), io.environment());
      } catch (NoSuchFileException e) {
        throw new UsageException("cannot read config file '" + file + "': no such file");
      } catch (IOException e) {
        throw new UsageException("cannot read config file '" + file + "': " + Errors.reason(e));
      } catch (InvalidPathException e) {
        throw new UsageException("invalid --config path '" + file + "': " + e.getReason());
      } catch (IllegalArgumentException e) {
        // Not UTF-8 or not a properties file: the message names the file and where.
        throw new UsageException(Errors.line(e.getMessage()));
      }
    }
  }

  /** Option values, from the subcommand or, for options given before it, the root command. */
  private static final class Options {
    private final ParseResult root;
    private final @Nullable ParseResult sub;

    Options(ParseResult root, @Nullable ParseResult sub) {
      this.root = root;
      this.sub = sub;
    }

    @Nullable String string(String name) {
      return value(name);
    }

    @Nullable Integer integer(String name) {
      return value(name);
    }

    String[] steps() {
      List<String> all = new ArrayList<>();
      String[] fromRoot = root.matchedOptionValue("--step", new String[0]);
      all.addAll(Arrays.asList(fromRoot));
      if (sub != null && sub.commandSpec().findOption("--step") != null) {
        all.addAll(Arrays.asList(sub.matchedOptionValue("--step", new String[0])));
      }
      return all.toArray(new String[0]);
    }

    private <T> @Nullable T value(String name) {
      if (sub != null && sub.hasMatchedOption(name)) {
        return sub.matchedOptionValue(name, null);
      }
      if (root.hasMatchedOption(name)) {
        return root.matchedOptionValue(name, null);
      }
      return null;
    }
  }
}
