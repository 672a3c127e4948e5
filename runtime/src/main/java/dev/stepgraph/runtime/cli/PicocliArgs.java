package dev.stepgraph.runtime.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The command line through picocli: {@code --help}, {@code --version}, every mistake and every
 * form that {@link PlainArgs} leaves to it. Loaded only then: picocli's model of the four commands
 * costs a process more than the rest of a {@code plan}.
 */
final class PicocliArgs {
  private PicocliArgs() {}

  static int dispatch(String[] args, ConnectorChoice connectors, CliIo io) {
    CommandLine commandLine = new CommandLine(CommandSpecs.root(connectors.choices(), CliProviders.load()));
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
      io.out().println(version(connectors.choices()));
      return ExitCodes.printed(io, "the version");
    }
    if (CommandLine.printHelpIfRequested(root)) {
      out.flush();
      if (sub == null || sub.commandSpec().name().equals("run")) {
        // The help of what runs the steps ends with the configuration they read.
        ConfigKeysText.help(
            io.out(), connectors.forHelp(new ParsedOptions(root, sub).string("--connector")));
      }
      return ExitCodes.printed(io, "the help");
    }
    return StepgraphCli.command(new ParsedOptions(root, sub), connectors, io);
  }

  /** Parses without running anything: what {@link PlainArgs} must agree with, for its tests. */
  static Options parse(String[] args, @Nullable List<String> connectorIds) {
    ParseResult root = new CommandLine(CommandSpecs.root(connectorIds)).parseArgs(args);
    return new ParsedOptions(root, root.subcommand());
  }

  /** {@code Stepgraph runtime 0.1.0; connectors: a, b}. */
  private static String version(@Nullable List<String> connectorIds) {
    String runtime = StepgraphCli.class.getPackage().getImplementationVersion();
    String version = "Stepgraph runtime " + (runtime == null ? "(development build)" : runtime);
    return connectorIds == null
        ? version
        : version + "; connectors: " + String.join(", ", connectorIds);
  }
}
