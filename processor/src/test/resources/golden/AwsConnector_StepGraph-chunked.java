package com.acme;

import dev.stepgraph.runtime.StepContext;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.ConnectorInstance;
import dev.stepgraph.runtime.graph.DataContract;
import dev.stepgraph.runtime.graph.StepBody;
import dev.stepgraph.runtime.graph.StepPolicy;
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
    Steps0.addTo(graph, connector);
    Steps1.addTo(graph, connector);
    Steps2.addTo(graph, connector);
    return graph.build();
  }

  /**
   * Adds the step of one row of a {@code StepsN} table, {@code id | wave | depends on | data |
   * fingerprint | description}, with its policy and body, and then its fingerprint. {@code -} is
   * an empty cell; the steps a step depends on are separated by commas. The fingerprint is over
   * the step's declaration, source (formatting and comments aside) and upstream steps: a run
   * store reuses a recorded result only while it is unchanged.
   */
  private static void addStep(ConnectorGraph.Builder graph, String row, StepPolicy policy,
      StepBody body) {
    // Where each cell ends: the " | " after it, found with indexOf (a regular expression or
    // split costs a cold JVM more than the rows)
    int idEnd = row.indexOf(" | ");
    int waveEnd = row.indexOf(" | ", idEnd + 3);
    int dependsOnEnd = row.indexOf(" | ", waveEnd + 3);
    int dataEnd = row.indexOf(" | ", dependsOnEnd + 3);
    int fingerprintEnd = row.indexOf(" | ", dataEnd + 3);
    String id = row.substring(0, idEnd);
    graph.step(id, row.substring(fingerprintEnd + 3), stepIds(row, waveEnd + 3, dependsOnEnd),
        Integer.parseInt(row, idEnd + 3, waveEnd, 10), policy, DataContract.NONE, body);
    graph.fingerprint(id, row.substring(dataEnd + 3, fingerprintEnd));
  }

  /**
   * The step ids of the cell of {@code row} from {@code start} to {@code end}: separated by
   * commas, or {@code -} for none.
   */
  private static List<String> stepIds(String row, int start, int end) {
    if (row.startsWith("-", start) && end == start + 1) {
      return List.of();
    }
    int count = 1;
    for (int i = start; i < end; i++) {
      if (row.charAt(i) == ',') {
        count++;
      }
    }
    String[] ids = new String[count];
    int from = start;
    for (int i = 0; i < count - 1; i++) {
      int comma = row.indexOf(',', from);
      ids[i] = row.substring(from, comma);
      from = comma + 1;
    }
    ids[count - 1] = row.substring(from, end);
    return List.of(ids);
  }

  /**
   * Registers 4 steps, and runs them: step {@code n} of this class is row {@code n} of
   * {@link #STEPS} and {@code case n} of {@link #run}. A table and one {@code switch} rather
   * than a statement and a lambda per step, because javac compiles them faster.
   */
  private static final class Steps0 implements StepBody {
    /**
     * One row per step, in wave order: id | wave | depends on | data | fingerprint | description.
     */
    private static final String[] STEPS = {
        // Wave 0 (parallel): users, roles, hosts
        "users | 0 | - | - | d8a34770e80de35516236531f7e04ca7 | Collect IAM users",
        "roles | 0 | - | - | 8d2ed451f80e31f21b8f180858f7f47a | Collects IAM roles",
        "hosts | 0 | - | - | 3c28be140da3c31f8347f21212d5502b | Collect EC2 instances",
        // Wave 1 (parallel): policies, services
        "policies | 1 | roles | - | cf22c2d7b4a15d41312c0d92aa3e173b | Collect the policies of each role",
    };

    private final ConnectorInstance<AwsConnector> connector;

    private final int step;

    private Steps0(ConnectorInstance<AwsConnector> connector, int step) {
      this.connector = connector;
      this.step = step;
    }

    static void addTo(ConnectorGraph.Builder graph, ConnectorInstance<AwsConnector> connector) {
      for (int i = 0; i < STEPS.length; i++) {
        addStep(graph, STEPS[i], StepPolicy.DEFAULT, new Steps0(connector, i));
      }
    }

    @Override
    public void run(StepContext ctx) throws Exception {
      AwsConnector instance = connector.get();
      switch (step) {
        case 0 -> instance.users(ctx);
        case 1 -> instance.roles(ctx);
        case 2 -> instance.hosts(ctx);
        case 3 -> instance.policies(ctx);
        default -> throw new IllegalStateException("no step " + step);
      }
    }
  }

  /**
   * Registers 1 step, and runs it: step {@code n} of this class is row {@code n} of
   * {@link #STEPS} and {@code case n} of {@link #run}. A table and one {@code switch} rather
   * than a statement and a lambda per step, because javac compiles them faster.
   */
  private static final class Steps1 implements StepBody {
    /**
     * One row per step, in wave order: id | wave | depends on | data | fingerprint | description.
     */
    private static final String[] STEPS = {
        // Wave 1 (continued)
        "services | 1 | hosts | - | 4d1a714661ecd155e93614cffc44a1c9 | Collect services on hosts",
    };

    private final ConnectorInstance<AwsConnector> connector;

    private final int step;

    private Steps1(ConnectorInstance<AwsConnector> connector, int step) {
      this.connector = connector;
      this.step = step;
    }

    static void addTo(ConnectorGraph.Builder graph, ConnectorInstance<AwsConnector> connector) {
      for (int i = 0; i < STEPS.length; i++) {
        addStep(graph, STEPS[i], StepPolicy.DEFAULT, new Steps1(connector, i));
      }
    }

    @Override
    public void run(StepContext ctx) throws Exception {
      AwsConnector instance = connector.get();
      switch (step) {
        case 0 -> instance.services(ctx);
        default -> throw new IllegalStateException("no step " + step);
      }
    }
  }

  /**
   * Registers 1 step, and runs it: step {@code n} of this class is row {@code n} of
   * {@link #STEPS} and {@code case n} of {@link #run}. A table and one {@code switch} rather
   * than a statement and a lambda per step, because javac compiles them faster.
   */
  private static final class Steps2 implements StepBody {
    /**
     * One row per step, in wave order: id | wave | depends on | data | fingerprint | description.
     */
    private static final String[] STEPS = {
        // Wave 2 (sequential): relationships
        "relationships | 2 | users,roles,hosts,policies,services | - | 0b1c5234e67be93cbc895dd50e2e24be | Link users, roles, hosts, policies and services",
    };

    private final ConnectorInstance<AwsConnector> connector;

    private final int step;

    private Steps2(ConnectorInstance<AwsConnector> connector, int step) {
      this.connector = connector;
      this.step = step;
    }

    static void addTo(ConnectorGraph.Builder graph, ConnectorInstance<AwsConnector> connector) {
      for (int i = 0; i < STEPS.length; i++) {
        addStep(graph, STEPS[i], StepPolicy.DEFAULT, new Steps2(connector, i));
      }
    }

    @Override
    public void run(StepContext ctx) throws Exception {
      AwsConnector instance = connector.get();
      switch (step) {
        case 0 -> instance.relationships(ctx);
        default -> throw new IllegalStateException("no step " + step);
      }
    }
  }
}
