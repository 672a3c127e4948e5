package com.acme;

import dev.stepgraph.Schedule;
import dev.stepgraph.runtime.StepContext;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.ConnectorInstance;
import dev.stepgraph.runtime.graph.DataContract;
import dev.stepgraph.runtime.graph.StepBody;
import dev.stepgraph.runtime.graph.StepPolicy;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * Step graph of connector {@code hosts}, generated from {@link HostsConnector}.
 *
 * <p>Collects hosts and what runs on them, each step as soon as its dependencies are done
 *
 * <pre>
 * Wave 0 (parallel): hosts, users
 * Wave 1 (parallel): services, audit
 * Wave 2 (sequential): report
 * </pre>
 *
 * <p>Schedule EAGER: a step starts as soon as every step it depends on has finished, not once
 * the whole wave before it has.
 *
 * <p>Policies:
 *
 * <pre>
 * hosts: timeout 30s
 * </pre>
 *
 * <p>Data:
 *
 * <pre>
 * hosts: emits host
 * users: emits user, role, user-has-role
 * services: reads host; emits service
 * report: reads service, host, user
 * </pre>
 */
@Generated("dev.stepgraph.processor.StepGraphProcessor")
public final class HostsConnector_StepGraph {
  /**
   * The connector id.
   */
  public static final String CONNECTOR_ID = "hosts";

  /**
   * How many waves the graph has.
   */
  public static final int WAVE_COUNT = 3;

  private HostsConnector_StepGraph() {
  }

  /**
   * The graph of a new {@link HostsConnector}, created when the graph first runs.
   *
   * <p>Its no-argument constructor runs once, before the first step of the first run; building
   * the graph, as {@code plan} and {@code graph} do, does not run it.
   */
  public static ConnectorGraph create() {
    // A class, not a method reference: every lambda costs the JVM start-up time (invokedynamic)
    Supplier<HostsConnector> constructor = new Supplier<HostsConnector>() {
      @Override
      public HostsConnector get() {
        return new HostsConnector();
      }
    };
    return build(ConnectorInstance.lazy(HostsConnector.class, constructor));
  }

  /**
   * The graph of the given connector instance (for embedding and tests).
   *
   * @throws NullPointerException if {@code connector} is null
   */
  public static ConnectorGraph create(HostsConnector connector) {
    Objects.requireNonNull(connector,
        "connector is null: pass an instance of HostsConnector, or call create() to let the run create one");
    return build(ConnectorInstance.of(connector));
  }

  private static ConnectorGraph build(ConnectorInstance<HostsConnector> connector) {
    ConnectorGraph.Builder graph = ConnectorGraph.builder(CONNECTOR_ID,
        "Collects hosts and what runs on them, each step as soon as its dependencies are done",
        connector);
    graph.schedule(Schedule.EAGER);
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
    String data = row.substring(dependsOnEnd + 3, dataEnd);
    DataContract contract = data.equals("-") ? DataContract.NONE : contract(data);
    graph.step(id, row.substring(fingerprintEnd + 3), stepIds(row, waveEnd + 3, dependsOnEnd),
        Integer.parseInt(row, idEnd + 3, waveEnd, 10), policy, contract, body);
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
   * The data contract that {@code description} describes, as {@code DataContract.describe()}
   * does: {@code reads host, user; emits service}. Each type once, in the order declared.
   */
  private static DataContract contract(String description) {
    Set<String> emits = new LinkedHashSet<>();
    Set<String> reads = new LinkedHashSet<>();
    // Split at single characters, which String.split does without a regular expression
    for (String part : description.split(";")) {
      String[] words = part.strip().split(" ", 2);
      Set<String> declared = words[0].equals("reads") ? reads : emits;
      for (String type : words[1].split(",")) {
        declared.add(type.strip());
      }
    }
    return DataContract.of(emits, reads);
  }

  /**
   * Registers 2 steps, and runs them: step {@code n} of this class is row {@code n} of
   * {@link #STEPS} and {@code case n} of {@link #run}. A table and one {@code switch} rather
   * than a statement and a lambda per step, because javac compiles them faster.
   */
  private static final class Steps0 implements StepBody {
    /**
     * One row per step, in wave order: id | wave | depends on | data | fingerprint | description.
     */
    private static final String[] STEPS = {
        // Wave 0 (parallel): hosts, users
        "hosts | 0 | - | emits host | 34a7a605ad79ca2ada661ae9ff87bf37 | Collect hosts",
        "users | 0 | - | emits user, role, user-has-role | b3efabfeb20448a2c8ef4ec3e5ebbac2 | Collect users and their roles",
    };

    private final ConnectorInstance<HostsConnector> connector;

    private final int step;

    private Steps0(ConnectorInstance<HostsConnector> connector, int step) {
      this.connector = connector;
      this.step = step;
    }

    static void addTo(ConnectorGraph.Builder graph, ConnectorInstance<HostsConnector> connector) {
      for (int i = 0; i < STEPS.length; i++) {
        addStep(graph, STEPS[i], policy(i), new Steps0(connector, i));
      }
    }

    /**
     * The policy of step {@code n} of this class, where it is not {@code StepPolicy.DEFAULT}.
     */
    private static StepPolicy policy(int step) {
      return switch (step) {
        case 0 -> StepPolicy.DEFAULT.withTimeout(Duration.ofSeconds(30));
        default -> StepPolicy.DEFAULT;
      };
    }

    @Override
    public void run(StepContext ctx) throws Exception {
      HostsConnector instance = connector.get();
      switch (step) {
        case 0 -> instance.hosts(ctx);
        case 1 -> instance.users(ctx);
        default -> throw new IllegalStateException("no step " + step);
      }
    }
  }

  /**
   * Registers 2 steps, and runs them: step {@code n} of this class is row {@code n} of
   * {@link #STEPS} and {@code case n} of {@link #run}. A table and one {@code switch} rather
   * than a statement and a lambda per step, because javac compiles them faster.
   */
  private static final class Steps1 implements StepBody {
    /**
     * One row per step, in wave order: id | wave | depends on | data | fingerprint | description.
     */
    private static final String[] STEPS = {
        // Wave 1 (parallel): services, audit
        "services | 1 | hosts | reads host; emits service | cf34cd837526170a0f557475853e4956 | Collect services on hosts",
        "audit | 1 | users | - | c3e494671fac6922dd0784edf2c72ec3 | Audit logins",
    };

    private final ConnectorInstance<HostsConnector> connector;

    private final int step;

    private Steps1(ConnectorInstance<HostsConnector> connector, int step) {
      this.connector = connector;
      this.step = step;
    }

    static void addTo(ConnectorGraph.Builder graph, ConnectorInstance<HostsConnector> connector) {
      for (int i = 0; i < STEPS.length; i++) {
        addStep(graph, STEPS[i], StepPolicy.DEFAULT, new Steps1(connector, i));
      }
    }

    @Override
    public void run(StepContext ctx) throws Exception {
      HostsConnector instance = connector.get();
      switch (step) {
        case 0 -> instance.services(ctx);
        case 1 -> instance.audit(ctx);
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
        // Wave 2 (sequential): report
        "report | 2 | services,users | reads service, host, user | 141376920186b88989d355ea476acaeb | Report what runs where",
    };

    private final ConnectorInstance<HostsConnector> connector;

    private final int step;

    private Steps2(ConnectorInstance<HostsConnector> connector, int step) {
      this.connector = connector;
      this.step = step;
    }

    static void addTo(ConnectorGraph.Builder graph, ConnectorInstance<HostsConnector> connector) {
      for (int i = 0; i < STEPS.length; i++) {
        addStep(graph, STEPS[i], StepPolicy.DEFAULT, new Steps2(connector, i));
      }
    }

    @Override
    public void run(StepContext ctx) throws Exception {
      HostsConnector instance = connector.get();
      switch (step) {
        case 0 -> instance.report(ctx);
        default -> throw new IllegalStateException("no step " + step);
      }
    }
  }
}
