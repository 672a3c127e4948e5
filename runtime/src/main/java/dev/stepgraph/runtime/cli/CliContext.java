package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.run.RemoteExecution;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * What a {@link CliCommandProvider}'s command gets of the connector's command line: the
 * connector's graph, the streams, the configuration as {@code run} reads it, and {@code run}
 * itself with the steps executed elsewhere ({@link #run}).
 */
public final class CliContext {
  private final ConnectorChoice connectors;
  private final CliIo io;
  private final String command;

  CliContext(ConnectorChoice connectors, CliIo io, String command) {
    this.connectors = connectors;
    this.io = io;
    this.command = command;
  }

  /**
   * The connector's graph; in a package of several connectors, the one {@code connectorId} names.
   *
   * @throws UsageException if a package of several connectors is not given one of its ids
   */
  public ConnectorGraph graph(@Nullable String connectorId) {
    List<String> args = new ArrayList<>(List.of("plan"));
    if (connectorId != null) {
      args.add("--connector");
      args.add(connectorId);
    }
    return connectors.graph(parse(args));
  }

  /** Whether the command line is of a package of several connectors ({@code --connector ID}). */
  public boolean severalConnectors() {
    return connectors.choices() != null;
  }

  public PrintStream out() {
    return io.out();
  }

  public PrintStream err() {
    return io.err();
  }

  /** A path as given on the command line, in the command line's working directory. */
  public Path path(String value) {
    return RunCommand.directory(value, io);
  }

  /**
   * The configuration as {@code run --config FILE} reads it: the file, if given, and the
   * environment.
   *
   * @throws UsageException if the file cannot be read
   */
  public Config config(@Nullable String file) {
    return RunCommand.config(file, io);
  }

  /**
   * Runs the {@code run} command with these of its options ({@code --state}, {@code --output},
   * {@code --step}, {@code --run-id}, {@code --resume}, {@code --events}, {@code --config}, {@code
   * --connector}, ...), exactly as {@code run} would, and with what it prints, writes and returns,
   * except that the steps are executed by the remote execution made for the chosen graph.
   *
   * @throws UsageException for a bad option, named as the provider's command
   */
  public int run(List<String> runOptions, Function<ConnectorGraph, RemoteExecution> remote) {
    Objects.requireNonNull(remote, "remote");
    List<String> args = new ArrayList<>(List.of("run"));
    args.addAll(runOptions);
    return RunCommand.execute(parse(args), connectors, io, remote);
  }

  private Options parse(List<String> args) {
    try {
      CommandLine.ParseResult root =
          new CommandLine(CommandSpecs.root(connectors.choices(), List.of()))
              .parseArgs(args.toArray(String[]::new));
      return new ParsedOptions(root, root.subcommand());
    } catch (CommandLine.ParameterException e) {
      throw new UsageException(command + ": " + e.getMessage());
    }
  }
}
