package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.ConnectorGraph;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The command line of a connector: what the generated {@code ConnectorMain} calls.
 */
public final class StepgraphCli {
  private StepgraphCli() {}

  /**
   * Runs the command line for one connector and returns the exit code: 0 every step succeeded, 1
   * one or more steps failed, 2 bad usage or bad input, 130 cancelled.
   */
  public static int execute(String[] args, Supplier<ConnectorGraph> connector) {
    throw new UnsupportedOperationException("TODO runtime issue 3");
  }

  /**
   * Runs the command line for a package with several connectors, chosen with {@code --connector
   * ID}; keys are connector ids.
   */
  public static int execute(String[] args, Map<String, Supplier<ConnectorGraph>> connectors) {
    throw new UnsupportedOperationException("TODO runtime issue 3");
  }
}
