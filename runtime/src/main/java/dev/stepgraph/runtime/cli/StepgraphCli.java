package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.internal.Errors;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The command line of a connector: what the generated {@code ConnectorMain} calls.
 *
 * <pre>
 * ConnectorMain [run] [--output FILE] [--step ID]... [--config FILE] [--parallelism N] [--events human|json] [--stacktrace]
 *                    [--run-id ID] [--state DIR | --no-state] [--resume [RUN_ID]] [--keep-runs N]
 * ConnectorMain plan [--step ID]...
 * ConnectorMain graph [--format dot|mermaid]
 * ConnectorMain runs [--state DIR]
 * </pre>
 *
 * This class reads the arguments ({@link PlainArgs} for a plain command line, else picocli and
 * {@link CommandSpecs}, which also answer {@code --help}, {@code --version} and every mistake), and
 * hands over to {@link RunCommand}, {@link PlanCommand}, {@link GraphCommand} or
 * {@link RunsCommand};
 * what they throw becomes one line on stderr and an exit code ({@link ExitCodes}).
 *
 * <p>Start-up note: the first lambda, method reference or stream a JVM meets costs it 5 to 15 ms
 * of {@code invokedynamic} bootstrap, depending on the machine, and each one after it a little
 * more; the runtime is compiled with {@code -XDstringConcat=inline} for the same reason, and
 * compiles no regular expression on that path either (the first costs about as much). The code
 * that {@code plan} and {@code graph} run, here and in the generated classes, therefore uses
 * classes, loops and hand-written checks instead; the example connector's {@code StartupIT}
 * fails when a lambda is spun on that path.
 */
public final class StepgraphCli {
  private StepgraphCli() {}

  /**
   * Runs the command line for one connector and returns the exit code: 0 no step failed (skipped
   * steps are fine), 1 one or more steps failed or timed out, 2 bad usage or bad input, 3 the
   * results could not be written, 130 cancelled. When several apply, 130 wins, then 3, then 1.
   */
  public static int execute(String[] args, Supplier<ConnectorGraph> connector) {
    return execute(args, ConnectorChoice.of(connector), CliIo.system());
  }

  /**
   * Runs the command line for a package with several connectors, chosen with {@code --connector
   * ID}; keys are connector ids.
   */
  public static int execute(String[] args, Map<String, Supplier<ConnectorGraph>> connectors) {
    return execute(args, ConnectorChoice.among(connectors), CliIo.system());
  }

  /**
   * Ends the process with an exit code of {@link #execute}: what the generated {@code
   * ConnectorMain} does with it. A status other than 0 is {@code System.exit(status)}. With 0 this
   * returns when no other thread would keep the JVM alive, and the JVM ends as after any {@code
   * main} that returns; else it is {@code System.exit(0)}. The end is the same, only faster: from
   * JDK 21 on, {@code System.exit} reads every jar of the class path for a logging provider before
   * it exits, about 100 ms for a connector with 50 jars.
   */
  public static void exit(int status) {
    if (ProcessEnd.needsSystemExit(status)) {
      System.exit(status);
    }
  }

  /** The in-process entry point of tests: streams, environment and Ctrl-C are injected. */
  static int execute(String[] args, Supplier<ConnectorGraph> connector, CliIo io) {
    return execute(args, ConnectorChoice.of(connector), io);
  }

  /** The in-process entry point of tests, several connectors. */
  static int execute(String[] args, Map<String, Supplier<ConnectorGraph>> connectors, CliIo io) {
    return execute(args, ConnectorChoice.among(connectors), io);
  }

  private static int execute(String[] args, ConnectorChoice connectors, CliIo io) {
    try {
      return dispatch(args, connectors, io);
    } catch (UsageException e) {
      io.err().println("error: " + Errors.line(e.getMessage()));
      io.err().println("Run '" + CommandSpecs.NAME + " --help' for usage.");
      io.err().flush();
      return ExitCodes.USAGE;
    } catch (RuntimeException | Error e) {
      io.err().println("error: " + Errors.line(String.valueOf(e)));
      io.err().flush();
      return ExitCodes.STEPS_FAILED;
    }
  }

  private static int dispatch(String[] args, ConnectorChoice connectors, CliIo io) {
    // A provider's command first: neither PlainArgs nor picocli knows its arguments. Providers
    // are looked for only when the first argument is a command the runtime does not have.
    if (args.length > 0 && !args[0].startsWith("-") && !BUILT_IN.contains(args[0])) {
      for (CliCommandProvider provider : CliProviders.load()) {
        if (provider.name().equals(args[0])) {
          return provider.execute(
              List.of(args).subList(1, args.length), new CliContext(connectors, io, args[0]));
        }
      }
    }
    Options options = PlainArgs.read(args, connectors.choices() != null);
    return options == null
        ? PicocliArgs.dispatch(args, connectors, io)
        : command(options, connectors, io);
  }

  private static final Set<String> BUILT_IN = Set.of("run", "plan", "graph", "runs");

  /** Runs the command the options name. */
  static int command(Options options, ConnectorChoice connectors, CliIo io) {
    switch (options.command()) {
      case "plan":
        return PlanCommand.execute(options, connectors, io);
      case "graph":
        return GraphCommand.execute(options, connectors, io);
      case "runs":
        return RunsCommand.execute(options, connectors, io);
      case "run":
        return RunCommand.execute(options, connectors, io);
      default:
        if (CliProviders.names().contains(options.command())) {
          throw new UsageException(
              "'" + options.command() + "' takes its own options: give it first, "
                  + CommandSpecs.NAME + " " + options.command() + " ...");
        }
        return RunCommand.execute(options, connectors, io);
    }
  }
}
