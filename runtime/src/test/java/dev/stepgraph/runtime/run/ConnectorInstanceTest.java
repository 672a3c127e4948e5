package dev.stepgraph.runtime.run;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.ConnectorInstance;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The connector instance of a generated graph: created once, before the first step of a run, and
 * never by building the graph; a constructor that throws ends the run before any step.
 */
@Timeout(60)
class ConnectorInstanceTest {

  /** Stands in for a connector class: what its steps did, in order. */
  static final class Inventory {
    final List<String> ran = new CopyOnWriteArrayList<>();
  }

  /** users, roles and 20 hosts-N; policies; report: what generated code builds, by hand. */
  private static ConnectorGraph graph(ConnectorInstance<Inventory> connector) {
    ConnectorGraph.Builder graph = ConnectorGraph.builder("inventory", "", connector);
    graph.step("users", "", List.of(), 0, ctx -> connector.get().ran.add("users"));
    graph.step("roles", "", List.of(), 0, ctx -> connector.get().ran.add("roles"));
    for (int i = 0; i < 20; i++) {
      String id = "hosts-" + i;
      graph.step(id, "", List.of(), 0, ctx -> connector.get().ran.add(id));
    }
    graph.step("policies", "", List.of("roles"), 1, ctx -> connector.get().ran.add("policies"));
    graph.step("report", "", List.of("users", "policies"), 2, ctx -> connector.get().ran.add("report"));
    return graph.build();
  }

  @Test
  void theInstanceIsCreatedOnceBeforeTheFirstStepAndNotByBuildingTheGraph() {
    List<String> events = new CopyOnWriteArrayList<>();
    AtomicInteger created = new AtomicInteger();
    ConnectorInstance<Inventory> connector = ConnectorInstance.lazy(Inventory.class, () -> {
      created.incrementAndGet();
      events.add("created");
      return new Inventory();
    });
    ConnectorGraph graph = graph(connector);
    ConnectorRunner runner = ConnectorRunner.builder(graph).listener(event -> {
      if (event instanceof RunEvent.StepStarted started) {
        events.add(started.stepId());
      }
    }).build();
    assertEquals(0, created.get(), "building the graph and the runner creates nothing");

    RunReport report = runner.run();

    assertTrue(report.succeeded(), report.toString());
    assertEquals(1, created.get(), "one instance for 24 steps, 20 of them at once");
    assertEquals("created", events.get(0), "created before the first step: " + events);
    assertEquals(25, events.size());
    assertEquals(24, connector.get().ran.size());

    // The graph keeps its instance, as create(connector) does: a second run of it creates none.
    assertTrue(ConnectorRunner.builder(graph).build().run().succeeded());
    assertEquals(1, created.get());
    assertEquals(48, connector.get().ran.size());
  }

  @Test
  void aRunOfSelectedStepsCreatesTheInstanceBeforeItsFirstStepToo() {
    List<String> events = new CopyOnWriteArrayList<>();
    ConnectorInstance<Inventory> connector = ConnectorInstance.lazy(Inventory.class, () -> {
      events.add("created");
      return new Inventory();
    });
    ConnectorRunner runner = ConnectorRunner.builder(graph(connector))
        .steps(List.of("policies"))
        .listener(event -> {
          if (event instanceof RunEvent.StepStarted started) {
            events.add(started.stepId());
          }
        })
        .build();
    assertEquals(List.of(), events);

    assertTrue(runner.run().succeeded());

    assertEquals(List.of("created", "roles", "policies"), events);
  }

  @Test
  void aConstructorThatThrowsEndsTheRunBeforeAnyStepWithOneLine() {
    AtomicInteger attempts = new AtomicInteger();
    ConnectorInstance<Inventory> connector = ConnectorInstance.lazy(Inventory.class, () -> {
      attempts.incrementAndGet();
      throw new IllegalStateException("api.token is not set:\nset API_TOKEN");
    });
    ConnectorGraph graph = graph(connector);
    for (ConnectorRunner.Builder builder : List.of(
        ConnectorRunner.builder(graph), ConnectorRunner.builder(graph).steps(List.of("policies")))) {
      Recorder recorder = new Recorder();
      ConnectorRunner runner = builder.listener(recorder).build();

      ConnectorCreationException e = assertThrows(ConnectorCreationException.class, runner::run);

      assertEquals(
          "cannot create connector dev.stepgraph.runtime.run.ConnectorInstanceTest.Inventory: its constructor threw"
              + " IllegalStateException: api.token is not set: set API_TOKEN",
          e.getMessage());
      assertEquals(e.getMessage(), e.toString(), "printed as is, it reads as one sentence");
      assertEquals("api.token is not set:\nset API_TOKEN", e.getCause().getMessage());
      assertEquals(List.of(), recorder.events, "no event: the run did not start");
    }
    assertEquals(1, attempts.get(), "a constructor that threw is not run again");
  }

  @Test
  void concurrentFirstCallsRunTheConstructorOnce() throws Exception {
    AtomicInteger created = new AtomicInteger();
    ConnectorInstance<Inventory> connector = ConnectorInstance.lazy(Inventory.class, () -> {
      created.incrementAndGet();
      try {
        Thread.sleep(50); // long enough for every thread to ask before it is created
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new Inventory();
    });
    int threads = 16;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Inventory>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return connector.get();
        }));
      }
      Set<Inventory> instances = new HashSet<>();
      for (Future<Inventory> result : results) {
        instances.add(result.get());
      }
      assertEquals(1, instances.size());
      assertEquals(1, created.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void everyCallAfterAFailureThrowsAFreshExceptionWithTheSameCause() {
    RuntimeException boom = new RuntimeException("boom");
    ConnectorInstance<Inventory> connector = ConnectorInstance.lazy(Inventory.class, () -> {
      throw boom;
    });
    ConnectorCreationException first = assertThrows(ConnectorCreationException.class, connector::get);
    ConnectorCreationException second = assertThrows(ConnectorCreationException.class, connector::get);
    assertNotSame(first, second);
    assertSame(boom, first.getCause());
    assertSame(boom, second.getCause());
  }

  @Test
  void aCauseWithoutMessageIsDescribedByItsOwnCause() {
    Supplier<Inventory> staticInitFailed = () -> {
      throw new ExceptionInInitializerError(new IllegalArgumentException("bad region"));
    };
    ConnectorCreationException e = assertThrows(ConnectorCreationException.class,
        ConnectorInstance.lazy(Inventory.class, staticInitFailed)::get);
    assertEquals(
        "cannot create connector dev.stepgraph.runtime.run.ConnectorInstanceTest.Inventory: its constructor threw"
            + " ExceptionInInitializerError: IllegalArgumentException: bad region",
        e.getMessage());
  }

  @Test
  void aGivenInstanceIsThatInstance() {
    Inventory inventory = new Inventory();
    ConnectorInstance<Inventory> connector = ConnectorInstance.of(inventory);
    assertSame(inventory, connector.get());
    assertTrue(ConnectorRunner.builder(graph(connector)).build().run().succeeded());
    assertEquals(24, inventory.ran.size());
  }

  @Test
  void aGraphBuiltWithoutAnInstanceRunsAsBefore() {
    AtomicInteger ran = new AtomicInteger();
    ConnectorGraph graph = ConnectorGraph.builder("plain", "")
        .step("only", "", List.of(), 0, ctx -> ran.incrementAndGet())
        .build();
    assertTrue(ConnectorRunner.builder(graph).build().run().succeeded());
    assertEquals(1, ran.get());
  }
}
