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
    // Wave 0 (parallel): hosts, users
    graph.step("hosts", "Collect hosts", List.<String>of(), 0,
        StepPolicy.DEFAULT.withTimeout(Duration.ofSeconds(30)),
        contract("emits host"),
        new Steps(connector, 0));
    graph.step("users", "Collect users and their roles", List.<String>of(), 0,
        StepPolicy.DEFAULT,
        contract("emits user, role, user-has-role"),
        new Steps(connector, 1));
    // Wave 1 (parallel): services, audit
    graph.step("services", "Collect services on hosts", List.<String>of("hosts"), 1,
        StepPolicy.DEFAULT,
        contract("reads host; emits service"),
        new Steps(connector, 2));
    graph.step("audit", "Audit logins", List.<String>of("users"), 1, new Steps(connector, 3));
    // Wave 2 (sequential): report
    graph.step("report", "Report what runs where", List.<String>of("services", "users"), 2,
        StepPolicy.DEFAULT,
        contract("reads service, host, user"),
        new Steps(connector, 4));
    // Fingerprints, over each step's declaration, source (formatting and comments aside) and
    // upstream steps: a run store reuses a recorded result only while it is unchanged.
    graph.fingerprint("hosts", "34a7a605ad79ca2ada661ae9ff87bf37");
    graph.fingerprint("users", "b3efabfeb20448a2c8ef4ec3e5ebbac2");
    graph.fingerprint("services", "cf34cd837526170a0f557475853e4956");
    graph.fingerprint("audit", "c3e494671fac6922dd0784edf2c72ec3");
    graph.fingerprint("report", "141376920186b88989d355ea476acaeb");
    return graph.build();
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
   * Runs the steps: {@code new Steps(connector, n)} is the body of the {@code n}th step
   * {@code build()} registers (counting from 0), and runs {@code case n} of {@link #run}.
   */
  private static final class Steps implements StepBody {
    private final ConnectorInstance<HostsConnector> connector;

    private final int step;

    private Steps(ConnectorInstance<HostsConnector> connector, int step) {
      this.connector = connector;
      this.step = step;
    }

    @Override
    public void run(StepContext ctx) throws Exception {
      HostsConnector instance = connector.get();
      switch (step) {
        case 0 -> instance.hosts(ctx);
        case 1 -> instance.users(ctx);
        case 2 -> instance.services(ctx);
        case 3 -> instance.audit(ctx);
        case 4 -> instance.report(ctx);
        default -> throw new IllegalStateException("no step " + step);
      }
    }
  }
}
