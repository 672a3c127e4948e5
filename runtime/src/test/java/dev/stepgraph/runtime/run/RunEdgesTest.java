package dev.stepgraph.runtime.run;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.StepContext;
import dev.stepgraph.runtime.graph.ConnectorGraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class RunEdgesTest {

  @Test
  void listenersAreNeverCalledConcurrently() {
    int steps = 16;
    CyclicBarrier together = new CyclicBarrier(steps);
    ConnectorGraph.Builder builder = ConnectorGraph.builder("serial", "");
    for (int i = 0; i < steps; i++) {
      builder.step("s" + i, "", List.of(), 0, ctx -> {
        together.await(30, TimeUnit.SECONDS);
        for (int line = 0; line < 50; line++) {
          ctx.log().info("line {}", line);
        }
      });
    }
    AtomicBoolean inside = new AtomicBoolean();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();

    RunReport report =
        ConnectorRunner.builder(builder.build())
            .listener(event -> {
              if (!inside.compareAndSet(false, true)) {
                overlaps.incrementAndGet();
              }
              calls.incrementAndGet();
              Thread.yield();
              inside.set(false);
            })
            .build()
            .run();

    assertTrue(report.succeeded());
    assertEquals(0, overlaps.get());
    assertEquals(1 + 1 + steps * 52 + 1, calls.get());
  }

  @Test
  void aContextUsedAfterItsStepFinishedRejectsEmissions() {
    AtomicReference<StepContext> leaked = new AtomicReference<>();
    ConnectorGraph graph =
        ConnectorGraph.builder("leak", "")
            .step("a", "", List.of(), 0, leaked::set)
            .build();
    RunReport report = ConnectorRunner.builder(graph).build().run();

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> leaked.get().emit(Entity.of("x", "x-1")));

    assertEquals("step 'a': its context was used after the step finished", e.getMessage());
    assertEquals(List.of(), report.entities());
  }

  @Test
  void stepsWaitingForAPermitWhenTheRunIsCancelledNeverRun() throws Exception {
    CountDownLatch firstInside = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    ConnectorGraph.Builder builder = ConnectorGraph.builder("queued", "");
    for (int i = 0; i < 4; i++) {
      builder.step("s" + i, "", List.of(), 0, ctx -> {
        started.incrementAndGet();
        firstInside.countDown();
        never.await();
      });
    }
    ConnectorRunner runner = ConnectorRunner.builder(builder.build()).parallelism(1).build();
    AtomicReference<RunReport> report = new AtomicReference<>();
    Thread running = new Thread(() -> report.set(runner.run()));
    running.start();
    assertTrue(firstInside.await(30, TimeUnit.SECONDS));

    runner.cancel();
    running.join(TimeUnit.SECONDS.toMillis(30));

    assertFalse(running.isAlive());
    assertEquals(1, started.get());
    assertEquals(1, report.get().count(StepStatus.CANCELLED));
    assertEquals(3, report.get().count(StepStatus.NOT_RUN));
  }

  @Test
  void aBadPropertyNamesItsEntityOrRelationship() {
    Entity host = Entity.of("host", "h-1");
    Relationship runsOn = Relationship.of("runs-on", "s-1", "h-1");

    assertEquals(
        "entity 'h-1': property names must not be blank",
        assertThrows(IllegalArgumentException.class, () -> host.with(" ", 1)).getMessage());
    assertEquals(
        "entity 'h-1': property 'tags' is a list of lists; use a flat list",
        assertThrows(
                IllegalArgumentException.class, () -> host.with("tags", List.of(List.of("a"))))
            .getMessage());
    assertEquals(
        "relationship 's-1 -runs-on-> h-1': property 'port' has a value of type java.lang.Object;"
            + " use a string, boolean, number, or a list of those",
        assertThrows(IllegalArgumentException.class, () -> runsOn.with("port", new Object()))
            .getMessage());
  }

  @Test
  void nonFiniteNumbersAreRejectedNamingTheProperty() {
    Entity host = Entity.of("host", "h-1");

    assertEquals(
        "entity 'h-1': property 'load' is NaN, which JSON cannot hold; use a finite number, or"
            + " leave the property out",
        assertThrows(IllegalArgumentException.class, () -> host.with("load", Double.NaN))
            .getMessage());
    assertEquals(
        "entity 'h-1': property 'max' is -Infinity, which JSON cannot hold; use a finite number,"
            + " or leave the property out",
        assertThrows(
                IllegalArgumentException.class,
                () -> host.with("max", Float.NEGATIVE_INFINITY))
            .getMessage());
    assertEquals(
        "relationship 's-1 -runs-on-> h-1': property 'weights' is Infinity, which JSON cannot"
            + " hold; use a finite number, or leave the property out",
        assertThrows(
                IllegalArgumentException.class,
                () -> Relationship.of("runs-on", "s-1", "h-1")
                    .with("weights", List.of(1.0, Double.POSITIVE_INFINITY)))
            .getMessage());
  }

  @Test
  void nullPropertiesSayWhatToPassInstead() {
    assertEquals(
        "entity 'k': properties must not be null; pass Map.of() for none",
        assertThrows(NullPointerException.class, () -> new Entity("t", "k", null)).getMessage());
    assertEquals(
        "relationship 'a -r-> b': properties must not be null; pass Map.of() for none",
        assertThrows(NullPointerException.class, () -> new Relationship("r", "a", "b", null))
            .getMessage());
  }

  @Test
  void entityCountsKeepTheOrderOfFirstEmission() {
    ConnectorGraph graph =
        ConnectorGraph.builder("counts", "")
            .step("a", "", List.of(), 0, ctx -> {
              ctx.emit(Entity.of("user", "u-1"));
              ctx.emit(Entity.of("group", "g-1"));
              ctx.emit(Entity.of("user", "u-2"));
            })
            .build();

    RunReport report = ConnectorRunner.builder(graph).build().run();

    StepResult a = report.step("a").orElseThrow();
    assertEquals(List.of("user", "group"), List.copyOf(a.entityCounts().keySet()));
    assertEquals(List.of(2, 1), List.copyOf(a.entityCounts().values()));
  }
}
