package com.acme;

import dev.stepgraph.runtime.StepContext;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.ConnectorInstance;
import dev.stepgraph.runtime.graph.StepBody;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * Step graph of connector {@code aws-inventory}, generated from {@link AwsConnector}.
 *
 * <p>Collects users, roles and hosts of an AWS account
 *
 * <pre>
 * Wave 0 (parallel): users, roles, hosts
 * Wave 1 (parallel): policies, services
 * Wave 2 (sequential): relationships
 * </pre>
 */
@Generated("dev.stepgraph.processor.StepGraphProcessor")
public final class AwsConnector_StepGraph {
  /**
   * The connector id.
   */
  public static final String CONNECTOR_ID = "aws-inventory";

  /**
   * How many waves the graph has.
   */
  public static final int WAVE_COUNT = 3;

  private AwsConnector_StepGraph() {
  }

  /**
   * The graph of a new {@link AwsConnector}, created when the graph first runs.
   *
   * <p>Its no-argument constructor runs once, before the first step of the first run; building
   * the graph, as {@code plan} and {@code graph} do, does not run it.
   */
  public static ConnectorGraph create() {
    // A class, not a method reference: every lambda costs the JVM start-up time (invokedynamic)
    Supplier<AwsConnector> constructor = new Supplier<AwsConnector>() {
      @Override
      public AwsConnector get() {
        return new AwsConnector();
      }
    };
    return build(ConnectorInstance.lazy(AwsConnector.class, constructor));
  }

  /**
   * The graph of the given connector instance (for embedding and tests).
   *
   * @throws NullPointerException if {@code connector} is null
   */
  public static ConnectorGraph create(AwsConnector connector) {
    Objects.requireNonNull(connector,
        "connector is null: pass an instance of AwsConnector, or call create() to let the run create one");
    return build(ConnectorInstance.of(connector));
  }

  private static ConnectorGraph build(ConnectorInstance<AwsConnector> connector) {
    ConnectorGraph.Builder graph = ConnectorGraph.builder(CONNECTOR_ID,
        "Collects users, roles and hosts of an AWS account", connector);
    // Wave 0 (parallel): users, roles, hosts
    graph.step("users", "Collect IAM users", List.<String>of(), 0, new Steps(connector, 0));
    graph.step("roles", "Collects IAM roles", List.<String>of(), 0, new Steps(connector, 1));
    graph.step("hosts", "Collect EC2 instances", List.<String>of(), 0, new Steps(connector, 2));
    // Wave 1 (parallel): policies, services
    graph.step("policies", "Collect the policies of each role", List.<String>of("roles"), 1,
        new Steps(connector, 3));
    graph.step("services", "Collect services on hosts", List.<String>of("hosts"), 1,
        new Steps(connector, 4));
    // Wave 2 (sequential): relationships
    graph.step("relationships", "Link users, roles, hosts, policies and services",
        List.<String>of("users", "roles", "hosts", "policies", "services"), 2,
        new Steps(connector, 5));
    // Fingerprints, over each step's declaration, source (formatting and comments aside) and
    // upstream steps: a run store reuses a recorded result only while it is unchanged.
    graph.fingerprint("users", "d8a34770e80de35516236531f7e04ca7");
    graph.fingerprint("roles", "8d2ed451f80e31f21b8f180858f7f47a");
    graph.fingerprint("hosts", "3c28be140da3c31f8347f21212d5502b");
    graph.fingerprint("policies", "cf22c2d7b4a15d41312c0d92aa3e173b");
    graph.fingerprint("services", "4d1a714661ecd155e93614cffc44a1c9");
    graph.fingerprint("relationships", "0b1c5234e67be93cbc895dd50e2e24be");
    return graph.build();
  }

  /**
   * Runs the steps: {@code new Steps(connector, n)} is the body of the {@code n}th step
   * {@code build()} registers (counting from 0), and runs {@code case n} of {@link #run}.
   */
  private static final class Steps implements StepBody {
    private final ConnectorInstance<AwsConnector> connector;

    private final int step;

    private Steps(ConnectorInstance<AwsConnector> connector, int step) {
      this.connector = connector;
      this.step = step;
    }

    @Override
    public void run(StepContext ctx) throws Exception {
      AwsConnector instance = connector.get();
      switch (step) {
        case 0 -> instance.users(ctx);
        case 1 -> instance.roles(ctx);
        case 2 -> instance.hosts(ctx);
        case 3 -> instance.policies(ctx);
        case 4 -> instance.services(ctx);
        case 5 -> instance.relationships(ctx);
        default -> throw new IllegalStateException("no step " + step);
      }
    }
  }
}
