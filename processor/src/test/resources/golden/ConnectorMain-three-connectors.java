package com.acme;

import dev.stepgraph.runtime.cli.StepgraphCli;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import java.util.Map;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * Runs the connectors of package {@code com.acme} from the command line; choose one with
 * {@code --connector ID}:
 *
 * <ul>
 *   <li>{@code aws-inventory}: {@link AwsConnector}
 *   <li>{@code azure}: {@link AzureConnector}
 *   <li>{@code github}: {@link GithubConnector}
 * </ul>
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
    // Classes, not method references: every lambda costs the JVM start-up time (invokedynamic)
    Map<String, Supplier<ConnectorGraph>> connectors = Map.of(
        AwsConnector_StepGraph.CONNECTOR_ID, new Supplier<ConnectorGraph>() {
          @Override
          public ConnectorGraph get() {
            return AwsConnector_StepGraph.create();
          }
        },
        AzureConnector_StepGraph.CONNECTOR_ID, new Supplier<ConnectorGraph>() {
          @Override
          public ConnectorGraph get() {
            return AzureConnector_StepGraph.create();
          }
        },
        GithubConnector_StepGraph.CONNECTOR_ID, new Supplier<ConnectorGraph>() {
          @Override
          public ConnectorGraph get() {
            return GithubConnector_StepGraph.create();
          }
        });
    StepgraphCli.exit(StepgraphCli.execute(args, connectors));
  }
}
