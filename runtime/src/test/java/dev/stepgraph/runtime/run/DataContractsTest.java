package dev.stepgraph.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.NonRetryableException;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.DataContract;
import dev.stepgraph.runtime.graph.RetryPolicy;
import dev.stepgraph.runtime.graph.StepPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A step is held to what it declares it emits and reads. */
class DataContractsTest {
  private static final StepPolicy RETRIED =
      StepPolicy.DEFAULT.withRetry(
          RetryPolicy.of(3, Duration.ofMillis(1), 2.0, Duration.ofMillis(1), 0));

  @Test
  void emittingAnUndeclaredTypeFailsTheStepWithoutRetrying() {
    AtomicInteger calls = new AtomicInteger();
    ConnectorGraph graph =
        ConnectorGraph.builder("emits", "")
            .step("hosts", "", List.of(), RETRIED, new DataContract(Set.of("host"), Set.of()), ctx -> {
              calls.incrementAndGet();
              ctx.emit(Entity.of("host", "h-1"));
              ctx.emit(Entity.of("hots", "h-2"));
            })
            .step("links", "", List.of(), StepPolicy.DEFAULT,
                new DataContract(Set.of("host-runs-on"), Set.of()),
                ctx -> ctx.emit(Relationship.of("runs-on", "a", "b")))
            .build();

    RunReport report = ConnectorRunner.builder(graph).build().run();

    StepResult hosts = report.step("hosts").orElseThrow();
    assertEquals(StepStatus.FAILED, hosts.status());
    assertEquals(1, calls.get(), "not retried");
    assertTrue(hosts.error() instanceof NonRetryableException, String.valueOf(hosts.error()));
    assertEquals(
        "step 'hosts' emitted entity type 'hots', which it does not declare:"
            + " @Step(emits = {\"host\"}); add 'hots' to emits, or emit one of those",
        hosts.error().getMessage());
    assertEquals(
        "step 'links' emitted relationship type 'runs-on', which it does not declare:"
            + " @Step(emits = {\"host-runs-on\"}); add 'runs-on' to emits, or emit one of those",
        report.step("links").orElseThrow().error().getMessage());
    assertEquals(List.of(), report.entities(), "what it emitted is discarded");
  }

  @Test
  void catchingTheUndeclaredEmitDoesNotSaveTheStep() {
    ConnectorGraph graph =
        ConnectorGraph.builder("emits", "")
            .step("hosts", "", List.of(), StepPolicy.DEFAULT,
                new DataContract(Set.of("host"), Set.of()), ctx -> {
                  try {
                    ctx.emit(Entity.of("hots", "h-2"));
                  } catch (RuntimeException swallowed) {
                    // a step that hides the error still fails: declarations are always true
                  }
                })
            .build();

    assertEquals(
        StepStatus.FAILED,
        ConnectorRunner.builder(graph).build().run().step("hosts").orElseThrow().status());
  }

  @Test
  void readingAnUndeclaredTypeThrowsAndTheDeclaredOnesAreAllItSees() {
    AtomicReference<String> thrown = new AtomicReference<>();
    AtomicReference<Set<String>> types = new AtomicReference<>();
    AtomicInteger count = new AtomicInteger();
    AtomicReference<Boolean> byKey = new AtomicReference<>();
    ConnectorGraph graph =
        ConnectorGraph.builder("reads", "")
            .step("users", "", List.of(), ctx -> ctx.emit(Entity.of("user", "u-1")))
            .step("hosts", "", List.of(), ctx -> ctx.emit(Entity.of("host", "h-1")))
            .step("report", "", List.of("users", "hosts"), StepPolicy.DEFAULT,
                new DataContract(Set.of(), Set.of("user")), ctx -> {
                  types.set(ctx.prior().entityTypes());
                  count.set(ctx.prior().entityCount());
                  byKey.set(ctx.prior().entityByKey("u-1").isPresent());
                  try {
                    ctx.prior().entitiesByType("hots");
                  } catch (NonRetryableException e) {
                    thrown.set(e.getMessage());
                  }
                  ctx.prior().entitiesByType("host"); // not caught: the step fails
                })
            .build();

    RunReport report = ConnectorRunner.builder(graph).build().run();

    assertEquals(
        "step 'report' asked its prior data for entity type 'hots', which it does not read:"
            + " @Step(reads = {\"user\"}); add 'hots' to reads, or ask for one of those",
        thrown.get());
    assertEquals(Set.of("user"), types.get());
    assertEquals(1, count.get());
    assertTrue(byKey.get());
    StepResult step = report.step("report").orElseThrow();
    assertEquals(StepStatus.FAILED, step.status());
    assertEquals(1, step.attempts());
    assertFalse(step.error().getMessage().isEmpty());
  }

  @Test
  void aSelectionKeepsEachStepsContract() {
    ConnectorGraph graph =
        ConnectorGraph.builder("select", "")
            .step("hosts", "", List.of(), StepPolicy.DEFAULT,
                new DataContract(Set.of("host"), Set.of()), ctx -> ctx.emit(Entity.of("hots", "h")))
            .step("services", "", List.of("hosts"), ctx -> {})
            .build();

    RunReport report =
        ConnectorRunner.builder(graph).steps(List.of("services")).build().run();

    assertEquals(StepStatus.FAILED, report.step("hosts").orElseThrow().status());
  }
}
