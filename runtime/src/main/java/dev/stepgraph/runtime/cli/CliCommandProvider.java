package dev.stepgraph.runtime.cli;

import java.util.List;

/**
 * A command that a library adds to every connector's command line when it is on the class path
 * (or module path): {@code ConnectorMain NAME ARGS...}. Found with {@link java.util.ServiceLoader}
 * (declared in {@code META-INF/services/dev.stepgraph.runtime.cli.CliCommandProvider}, and with
 * {@code provides} in a module), only when the command line names a command the runtime does not
 * have: a plain run never loads providers. The root {@code --help} lists each provider's command
 * with its {@link #description()}.
 */
public interface CliCommandProvider {

  /** The command's name, {@code temporal}: lowercase, not one of the runtime's own commands. */
  String name();

  /** One line for the root {@code --help}. */
  String description();

  /**
   * Runs the command and returns the exit code (0 ok, 1 step failures, 2 usage or bad input, 130
   * cancelled).
   *
   * @param args the arguments after the command's name
   * @throws UsageException for bad usage or bad input: one line on stderr, exit code 2
   */
  int execute(List<String> args, CliContext context);
}
