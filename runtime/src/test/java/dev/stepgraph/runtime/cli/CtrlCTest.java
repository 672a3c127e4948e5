package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.Entity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C, through the interrupt handler the command registers (a shutdown hook in production). */
@Timeout(120)
class CtrlCTest {
  @TempDir Path dir;

  @Test
  void ctrlCInterruptsRunningStepsWritesWhatSucceededAndExitsWith130() throws Exception {
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    ConnectorGraph graph =
        ConnectorGraph.builder("slow", "")
            .step("users", "", List.of(), 0, ctx -> ctx.emit(Entity.of("user", "u-1")))
            .step("hosts", "", List.of("users"), 1, ctx -> {
              ctx.emit(Entity.of("host", "h-1"));
              blocked.countDown();
              never.await();
            })
            .step("report", "", List.of("hosts"), 2, ctx -> ctx.emit(Entity.of("r", "r-1")))
            .build();
    Terminal terminal = new Terminal();
    Path output = dir.resolve("out.jsonl");
    ExecutorService threads = Executors.newCachedThreadPool();
    try {
      Future<Integer> exit =
          threads.submit(() -> terminal.run(graph, "--output", output.toString()));
      assertTrue(terminal.handlerRegistered.await(30, TimeUnit.SECONDS));
      assertTrue(blocked.await(30, TimeUnit.SECONDS));

      // What the shutdown hook does on SIGINT; it returns once the output is written.
      Future<?> hook = threads.submit(terminal.interruptHandler.get());
      hook.get(30, TimeUnit.SECONDS);

      // The handler returned only once the output was written (then the JVM halts with 130).
      assertEquals(
          List.of("{\"kind\":\"entity\",\"type\":\"user\",\"key\":\"u-1\",\"properties\":{}}"),
          Files.readAllLines(output));
      assertEquals(130, exit.get(30, TimeUnit.SECONDS));
    } finally {
      threads.shutdownNow();
    }
    assertEquals(
        "Run slow <run>: 3 steps in 3 waves\n"
            + "Wave 0 (sequential): users\n"
            + "  users: completed in <t>, 1 user\n"
            + "Wave 1 (sequential): hosts\n"
            + "  hosts: CANCELLED after <t>\n"
            + "Cancelled after <t>: 1 succeeded, 1 cancelled, 1 not run\n"
            + "Wrote 1 entity and 0 relationships to " + output + "\n",
        HumanLines.normalize(terminal.err()));
    assertTrue(terminal.handlerRemoved);
  }

  @Test
  void ctrlCWithJsonEventsEndsTheInterruptedStepWithStepCancelled() throws Exception {
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    ConnectorGraph graph =
        ConnectorGraph.builder("slow", "")
            .step("users", "", List.of(), 0, ctx -> ctx.emit(Entity.of("user", "u-1")))
            .step("hosts", "", List.of("users"), 1, ctx -> {
              blocked.countDown();
              never.await();
            })
            .step("report", "", List.of("hosts"), 2, ctx -> {})
            .build();
    Terminal terminal = new Terminal();
    ExecutorService threads = Executors.newCachedThreadPool();
    try {
      Future<Integer> exit = threads.submit(() -> terminal.run(graph, "--events", "json"));
      assertTrue(terminal.handlerRegistered.await(30, TimeUnit.SECONDS));
      assertTrue(blocked.await(30, TimeUnit.SECONDS));

      threads.submit(terminal.interruptHandler.get()).get(30, TimeUnit.SECONDS);

      assertEquals(130, exit.get(30, TimeUnit.SECONDS));
    } finally {
      threads.shutdownNow();
    }
    List<String> events =
        terminal.out().lines()
            .map(line -> HumanLines.normalizeRunIds(line).replaceFirst(",\"time\":\"[^\"]+\"", "")
                .replaceFirst("\"durationMs\":[0-9]+", "\"durationMs\":0"))
            .toList();
    assertEquals(
        List.of(
            "{\"event\":\"run-started\",\"connector\":\"slow\",\"run\":\"<run>\",\"resumed\":false,\"steps\":3,\"waves\":3}",
            "{\"event\":\"wave-started\",\"wave\":0,\"steps\":[\"users\"]}",
            "{\"event\":\"step-started\",\"step\":\"users\",\"wave\":0}",
            "{\"event\":\"step-completed\",\"step\":\"users\",\"durationMs\":0,\"entities\":{\"user\":1},"
                + "\"relationships\":0,\"attempts\":1}",
            "{\"event\":\"wave-started\",\"wave\":1,\"steps\":[\"hosts\"]}",
            "{\"event\":\"step-started\",\"step\":\"hosts\",\"wave\":1}",
            "{\"event\":\"step-cancelled\",\"step\":\"hosts\",\"durationMs\":0}",
            "{\"event\":\"run-finished\",\"durationMs\":0,\"cancelled\":true,\"steps\":{\"succeeded\":1,"
                + "\"failed\":0,\"timed_out\":0,\"skipped\":0,\"cancelled\":1,\"not_run\":1,\"reused\":0}}"),
        events,
        terminal.out());
  }

  @Test
  void theInterruptHandlerIsRemovedAfterANormalRun() {
    Terminal terminal = new Terminal();

    assertEquals(0, terminal.run(Graphs.inventory()));

    assertTrue(terminal.handlerRemoved);
  }

  @Test
  void planAndGraphNeverRegisterAnInterruptHandler() {
    Terminal terminal = new Terminal();

    // Both must succeed: a command that failed early would register nothing either.
    assertEquals(0, terminal.run(Graphs.inventory(), "plan"));
    assertEquals(0, terminal.run(Graphs.inventory(), "graph"));

    assertEquals(1, terminal.handlerRegistered.getCount(), "no handler was registered");
    assertFalse(terminal.handlerRemoved);
  }
}
