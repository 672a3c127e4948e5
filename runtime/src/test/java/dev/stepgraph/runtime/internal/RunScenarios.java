package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.run.ConnectorRunner;
import dev.stepgraph.runtime.run.RunReport;

import dev.stepgraph.runtime.cli.StepgraphCli;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The connectors of the real-process tests ({@link RunProcessTest}), run through the command line
 * as a generated {@code ConnectorMain} would: {@code RunScenarios SCENARIO [command line...]}; and
 * {@code RunScenarios stuck-past-timeout}, which runs its graph through the embedding API and ends
 * without {@code System.exit}.
 */
public final class RunScenarios {
  private RunScenarios() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("stuck-past-timeout")) {
      stuckPastTimeout();
      return; // no System.exit: the JVM ends when its last non-daemon thread does
    }
    String[] cli = Arrays.copyOfRange(args, 1, args.length);
    int code = StepgraphCli.execute(cli, () -> graph(args[0]));
    String peak = System.getenv("PEAK_THREADS_FILE");
    if (peak != null) {
      Files.writeString(
          Paths.get(peak), Integer.toString(ManagementFactory.getThreadMXBean().getPeakThreadCount()));
    }
    System.exit(code);
  }

  /**
   * Runs a step that ignores the interrupt of its timeout and never returns, then prints its
   * status, whether it saw the interrupt and whether its thread is still alive once the run is
   * over: {@code stuck: TIMED_OUT, interrupted: true, still running: true}.
   */
  private static void stuckPastTimeout() throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    AtomicReference<Thread> thread = new AtomicReference<>();
    ConnectorGraph graph =
        ConnectorGraph.builder("stubborn", "")
            .step("stuck", "", List.of(), 0, StepPolicy.DEFAULT.withTimeout(Duration.ofMillis(20)),
                ctx -> {
                  thread.set(Thread.currentThread());
                  while (true) {
                    try {
                      never.await();
                    } catch (InterruptedException ignored) {
                      interrupted.countDown();
                    }
                  }
                })
            .build();
    RunReport report = ConnectorRunner.builder(graph).build().run();
    boolean seen = interrupted.await(1, TimeUnit.MINUTES);
    Thread stuck = thread.get();
    System.out.println("stuck: " + report.step("stuck").orElseThrow().status()
        + ", interrupted: " + seen + ", still running: " + (stuck != null && stuck.isAlive()));
  }

  private static ConnectorGraph graph(String scenario) {
    switch (scenario) {
      case "heap":
        // One step emits until the heap is gone; its siblings and dependents still run.
        return ConnectorGraph.builder("heap", "")
            .step("bulk", "", List.of(), 0, ctx -> {
              for (int i = 0; ; i++) {
                ctx.emit(Entity.of("blob", "b-" + i).with("payload", "value number " + i));
              }
            })
            .step("small", "", List.of(), 0, ctx -> ctx.emit(Entity.of("user", "u-1")))
            .step("after", "", List.of("small"), 1, ctx -> ctx.emit(Entity.of("user", "u-2")))
            .build();
      case "wide":
        return wide(Integer.getInteger("steps", 10_000), null);
      case "wide-timed":
        return wide(Integer.getInteger("steps", 10_000), Duration.ofMinutes(1));
      case "wide-sleeping":
        return wideSleeping(Integer.getInteger("steps", 300));
      case "exit":
        return exitGraph();
      case "small":
        return ConnectorGraph.builder("small", "")
            .step("users", "", List.of(), 0, ctx -> ctx.emit(Entity.of("user", "u-1")))
            .step("groups", "", List.of("users"), 1, ctx -> ctx.emit(Entity.of("group", "g-1")))
            .build();
      case "chatty":
        return chatty(false);
      case "chatty-stuck":
        return chatty(true);
      default:
        throw new IllegalArgumentException("unknown scenario " + scenario);
    }
  }

  /** Independent no-op steps, every other one under a timeout if {@code timeout} is set. */
  private static ConnectorGraph wide(int steps, Duration timeout) {
    ConnectorGraph.Builder graph = ConnectorGraph.builder("wide", "");
    for (int i = 0; i < steps; i++) {
      StepPolicy policy =
          timeout != null && i % 2 == 0 ? StepPolicy.DEFAULT.withTimeout(timeout) : StepPolicy.DEFAULT;
      graph.step("s" + i, "", List.of(), 0, policy, ctx -> ctx.emit(Entity.of("n", ctx.stepId())));
    }
    return graph.build();
  }

  /** Independent steps that each hold their thread a moment, so that many are alive at once. */
  private static ConnectorGraph wideSleeping(int steps) {
    ConnectorGraph.Builder graph = ConnectorGraph.builder("wide", "");
    for (int i = 0; i < steps; i++) {
      graph.step("s" + i, "", List.of(), 0, ctx -> Thread.sleep(3_000));
    }
    return graph.build();
  }

  /**
   * 200 steps that log 100 lines each and emit one entity: far more JSON events than a pipe holds.
   * With {@code stuck}, one more step writes the file {@code $MARKER} once the others are done and
   * then waits until it is cancelled.
   */
  private static ConnectorGraph chatty(boolean stuck) {
    ConnectorGraph.Builder graph = ConnectorGraph.builder("chatty", "");
    for (int i = 0; i < 200; i++) {
      graph.step("s" + i, "", List.of(), 0, ctx -> {
        for (int line = 0; line < 100; line++) {
          ctx.log().info("line {} of a step that talks a lot", line);
        }
        ctx.emit(Entity.of("n", ctx.stepId()));
      });
    }
    if (stuck) {
      graph.step("stuck", "", List.of("s0"), 1, ctx -> {
        Files.writeString(Paths.get(System.getenv("MARKER")), "running");
        new CountDownLatch(1).await();
      });
    }
    return graph.build();
  }

  /**
   * A step calls {@code System.exit(3)} while its sibling {@code waiting} runs (it waits for the
   * file {@code $GO} to exist before it exits, so both are running).
   */
  private static ConnectorGraph exitGraph() {
    CountDownLatch never = new CountDownLatch(1);
    return ConnectorGraph.builder("exits", "")
        .step("done", "", List.of(), 0, ctx -> ctx.emit(Entity.of("user", "u-1")))
        .step("waiting", "", List.of("done"), 1, ctx -> {
          Files.writeString(Paths.get(System.getenv("MARKER")), "running");
          never.await();
        })
        .step("exiting", "", List.of("done"), 1, ctx -> {
          Path marker = Paths.get(System.getenv("MARKER"));
          while (!Files.exists(marker)) {
            Thread.onSpinWait();
          }
          System.exit(3);
        })
        .build();
  }
}
