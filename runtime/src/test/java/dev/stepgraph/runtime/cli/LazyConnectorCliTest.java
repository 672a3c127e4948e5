package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.ConnectorInstance;
import dev.stepgraph.runtime.Entity;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code plan} and {@code graph} never create the connector, as generated graphs are built around
 * a lazily created instance; {@code run} creates it once, and a constructor that throws ends the
 * run with one line before any step.
 */
@Timeout(60)
class LazyConnectorCliTest {
  private final AtomicInteger constructed = new AtomicInteger();

  /** A connector whose constructor needs configuration that is not there. */
  final class Unconfigured {
    Unconfigured() {
      constructed.incrementAndGet();
      throw new IllegalStateException("api.token is not set");
    }

    void users() {}
  }

  /** A connector whose constructor works. */
  final class Configured {
    Configured() {
      constructed.incrementAndGet();
    }

    void emit(dev.stepgraph.runtime.StepContext ctx, String type, String key) {
      ctx.emit(Entity.of(type, key));
    }
  }

  private ConnectorGraph unconfigured() {
    ConnectorInstance<Unconfigured> connector =
        ConnectorInstance.lazy(Unconfigured.class, Unconfigured::new);
    return ConnectorGraph.builder("unconfigured", "", connector)
        .step("users", "", List.of(), 0, ctx -> connector.get().users())
        .step("roles", "", List.of(), 0, ctx -> connector.get().users())
        .step("report", "", List.of("users", "roles"), 1, ctx -> connector.get().users())
        .build();
  }

  private ConnectorGraph configured() {
    ConnectorInstance<Configured> connector =
        ConnectorInstance.lazy(Configured.class, Configured::new);
    return ConnectorGraph.builder("configured", "", connector)
        .step("users", "", List.of(), 0, ctx -> connector.get().emit(ctx, "user", "u-1"))
        .step("roles", "", List.of(), 0, ctx -> connector.get().emit(ctx, "role", "r-1"))
        .step("report", "", List.of("users", "roles"), 1,
            ctx -> connector.get().emit(ctx, "report", "all"))
        .build();
  }

  @Test
  void planAndGraphSucceedWithoutCreatingAConnectorWhoseConstructorThrows() {
    Terminal plan = new Terminal();
    assertEquals(0, plan.run(unconfigured(), "plan"));
    assertEquals("Wave 0 (parallel): users, roles\nWave 1 (sequential): report\n", plan.out());
    assertEquals("", plan.err());

    Terminal planOne = new Terminal();
    assertEquals(0, planOne.run(unconfigured(), "plan", "--step", "users"));
    assertEquals("Wave 0 (sequential): users\n", planOne.out());

    Terminal graph = new Terminal();
    assertEquals(0, graph.run(unconfigured(), "graph", "--format", "mermaid"));
    assertEquals("", graph.err());

    assertEquals(0, constructed.get());
  }

  @Test
  void runEndsWithOneLineNamingTheConnectorClassAndTheCauseBeforeAnyStep() {
    for (String[] args : List.of(new String[] {"run"}, new String[] {"run", "--step", "report"})) {
      Terminal terminal = new Terminal();

      int exit = terminal.run(unconfigured(), args);

      assertEquals(1, exit);
      assertEquals(
          "error: cannot create connector "
              + "dev.stepgraph.runtime.cli.LazyConnectorCliTest.Unconfigured: its constructor threw"
              + " IllegalStateException: api.token is not set\n",
          terminal.err());
      assertEquals("", terminal.out());
    }
    assertEquals(2, constructed.get(), "once per run, not once per step");
  }

  @Test
  void runCreatesAWorkingConnectorOnce() {
    Terminal terminal = new Terminal();

    int exit = terminal.run(configured(), "run");

    assertEquals(0, exit, terminal.err());
    assertEquals(1, constructed.get());
  }
}
