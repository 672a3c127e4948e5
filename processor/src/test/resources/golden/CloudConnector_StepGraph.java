package com.acme;

import dev.stepgraph.runtime.StepContext;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.ConnectorInstance;
import dev.stepgraph.runtime.graph.RetryPolicy;
import dev.stepgraph.runtime.graph.StepBody;
import dev.stepgraph.runtime.graph.StepPolicy;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * Step graph of connector {@code cloud}, generated from {@link CloudConnector}.
 *
 * <p>Collects a cloud account, skipping what depends on a failed step
 *
 * <pre>
 * Wave 0 (parallel): users, roles, hosts
 * Wave 1 (sequential): services
 * Wave 2 (sequential): report
 * </pre>
 *
 * <p>Policies:
 *
 * <pre>
 * users: timeout 30s, retry 3 attempts (backoff 500ms, x2.0, max 1m, jitter 0.2), on dependency failure skip
 * roles: retry 3 attempts (backoff 1s, x2.0, max 1m, jitter 0.2)
 * hosts: timeout 1m30s, retry 5 attempts on IOException or TimeoutException except FileNotFoundException (backoff 2s, x1.5, max 2h, jitter 0.0)
 * services: on dependency failure skip
 * </pre>
 */
@Generated("dev.stepgraph.processor.StepGraphProcessor")
public final class CloudConnector_StepGraph {
  /**
   * The connector id.
   */
  public static final String CONNECTOR_ID = "cloud";

  /**
   * How many waves the graph has.
   */
  public static final int WAVE_COUNT = 3;

  private CloudConnector_StepGraph() {
  }

  /**
   * The graph of a new {@link CloudConnector}, created when the graph first runs.
   *
   * <p>Its no-argument constructor runs once, before the first step of the first run; building
   * the graph, as {@code plan} and {@code graph} do, does not run it.
   */
  public static ConnectorGraph create() {
    // A class, not a method reference: every lambda costs the JVM start-up time (invokedynamic)
    Supplier<CloudConnector> constructor = new Supplier<CloudConnector>() {
      @Override
      public CloudConnector get() {
        return new CloudConnector();
      }
    };
    return build(ConnectorInstance.lazy(CloudConnector.class, constructor));
  }

  /**
   * The graph of the given connector instance (for embedding and tests).
   *
   * @throws NullPointerException if {@code connector} is null
   */
  public static ConnectorGraph create(CloudConnector connector) {
    Objects.requireNonNull(connector,
        "connector is null: pass an instance of CloudConnector, or call create() to let the run create one");
    return build(ConnectorInstance.of(connector));
  }

  private static ConnectorGraph build(ConnectorInstance<CloudConnector> connector) {
    ConnectorGraph.Builder graph = ConnectorGraph.builder(CONNECTOR_ID,
        "Collects a cloud account, skipping what depends on a failed step", connector);
    // Wave 0 (parallel): users, roles, hosts
    graph.step("users", "Collect users", List.<String>of(), 0,
        StepPolicy.DEFAULT.withTimeout(Duration.ofSeconds(30))
            .withRetry(RetryPolicy.of(3, Duration.ofMillis(500), 2.0, Duration.ofMinutes(1), 0.2))
            .withSkipOnDependencyFailure(true),
        new Steps(connector, 0));
    graph.step("roles", "Collect roles", List.<String>of(), 0,
        StepPolicy.DEFAULT.withRetry(RetryPolicy.of(3, Duration.ofSeconds(1), 2.0,
            Duration.ofMinutes(1), 0.2)),
        new Steps(connector, 1));
    graph.step("hosts", "Collect hosts", List.<String>of(), 0,
        StepPolicy.DEFAULT.withTimeout(Duration.ofSeconds(90))
            .withRetry(RetryPolicy.of(5, Duration.ofSeconds(2), 1.5, Duration.ofHours(2), 0.0)
                .withRetryOn(IOException.class, TimeoutException.class)
                .withNoRetryOn(FileNotFoundException.class)),
        new Steps(connector, 2));
    // Wave 1 (sequential): services
    graph.step("services", "Collect services on hosts", List.<String>of("hosts"), 1,
        StepPolicy.DEFAULT.withSkipOnDependencyFailure(true),
        new Steps(connector, 3));
    // Wave 2 (sequential): report
    graph.step("report", "Report what was collected", List.<String>of("users", "services"), 2,
        new Steps(connector, 4));
    // Fingerprints, over each step's declaration, source (formatting and comments aside) and
    // upstream steps: a run store reuses a recorded result only while it is unchanged.
    graph.fingerprint("users", "c706cd6d37f8c5eb5e7d148e15528b86");
    graph.fingerprint("roles", "0b45567a5012f5215433e539276459a3");
    graph.fingerprint("hosts", "80bdc4808c6be930f7fdc0502ca76603");
    graph.fingerprint("services", "cc903d6e6d446961463961d3c9dcb627");
    graph.fingerprint("report", "a95410f1cef9c41b235c4259b0bc9f50");
    return graph.build();
  }

  /**
   * Runs the steps: {@code new Steps(connector, n)} is the body of the {@code n}th step
   * {@code build()} registers (counting from 0), and runs {@code case n} of {@link #run}.
   */
  private static final class Steps implements StepBody {
    private final ConnectorInstance<CloudConnector> connector;

    private final int step;

    private Steps(ConnectorInstance<CloudConnector> connector, int step) {
      this.connector = connector;
      this.step = step;
    }

    @Override
    public void run(StepContext ctx) throws Exception {
      CloudConnector instance = connector.get();
      switch (step) {
        case 0 -> instance.users(ctx);
        case 1 -> instance.roles(ctx);
        case 2 -> instance.hosts(ctx);
        case 3 -> instance.services(ctx);
        case 4 -> instance.report(ctx);
        default -> throw new IllegalStateException("no step " + step);
      }
    }
  }
}
