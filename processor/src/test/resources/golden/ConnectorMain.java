package com.acme;

import dev.stepgraph.runtime.cli.StepgraphCli;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * Runs connector {@code aws-inventory} ({@link AwsConnector}) from the command line.
 *
 * <p>Commands: {@code plan} prints the waves without running anything, {@code run} runs the
 * steps wave by wave, {@code graph} prints the step graph. {@code --help} lists the options.
 */
@Generated("dev.stepgraph.processor.StepGraphProcessor")
public final class ConnectorMain {
  private ConnectorMain() {
  }

  /**
   * Runs the command line and exits with its exit code.
   */
  public static void main(String[] args) {
    // A class, not a method reference: every lambda costs the JVM start-up time (invokedynamic)
    Supplier<ConnectorGraph> graph = new Supplier<ConnectorGraph>() {
      @Override
      public ConnectorGraph get() {
        return AwsConnector_StepGraph.create();
      }
    };
    StepgraphCli.exit(StepgraphCli.execute(args, graph));
  }
}
