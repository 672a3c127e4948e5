package dev.stepgraph.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.RetryPolicy;
import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.store.RunStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps on an embedder's executor ({@link ConnectorRunner.Builder#executor}): they run on its
 * threads, which outlive the run and serve the next one; the run never shuts it down; a step it
 * rejects fails and the run goes on; cancelling and timeouts interrupt steps on its threads as on
 * the run's own. Waits are on latches and barriers; nothing sleeps.
 */
@Timeout(120)
class ExecutorTest {
  private static final long WAIT = 30;

  /** Makes the executor's threads, named {@code embedder-N}, and remembers each. */
  private final List<Thread> made = new CopyOnWriteArrayList<>();
  private final ThreadFactory factory =
      task -> {
        Thread thread = new Thread(task, "embedder-" + (made.size() + 1));
        thread.setDaemon(true);
        made.add(thread);
        return thread;
      };
  private ExecutorService executor = Executors.newCachedThreadPool(factory);

  @AfterEach
  void shutDown() {
    executor.shutdownNow();
  }

  private static StepStatus status(RunReport report, String step) {
    return report.step(step).orElseThrow().status();
  }

  /** Waits until every task handed to the executor so far has returned (its threads are free). */
  private static void quiesce(ExecutorService fixed, int threads) throws Exception {
    CyclicBarrier all = new CyclicBarrier(threads + 1);
    for (int i = 0; i < threads; i++) {
      fixed.execute(() -> {
        try {
          all.await(WAIT, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }
    all.await(WAIT, TimeUnit.SECONDS);
  }

  @Test
  void theStepsRunTogetherOnTheExecutorsThreadsNamedAfterThemAndTheRunLeavesItRunning()
      throws Exception {
    // Three steps of a wave meet at a barrier: they run at once, each on a thread of its own.
    CyclicBarrier together = new CyclicBarrier(3);
    Map<String, Thread> threadOf = new ConcurrentHashMap<>();
    Map<String, String> nameWhileRunning = new ConcurrentHashMap<>();
    ConnectorGraph.Builder builder = ConnectorGraph.builder("embedded", "");
    for (String id : List.of("users", "roles", "hosts")) {
      builder.step(id, "", List.of(), 0, ctx -> {
        threadOf.put(id, Thread.currentThread());
        nameWhileRunning.put(id, Thread.currentThread().getName());
        together.await(WAIT, TimeUnit.SECONDS);
      });
    }
    builder.step("relationships", "", List.of("users", "roles", "hosts"), 1, ctx -> {
      threadOf.put("relationships", Thread.currentThread());
    });

    RunReport report = ConnectorRunner.builder(builder.build()).executor(executor).build().run();

    assertTrue(report.succeeded(), () -> report.steps().toString());
    assertTrue(made.containsAll(threadOf.values()), "every step ran on a thread of the executor");
    assertEquals(3, Set.copyOf(List.of(threadOf.get("users"), threadOf.get("roles"),
        threadOf.get("hosts"))).size(), "the wave's steps, each on a thread of its own");
    assertEquals("stepgraph-users", nameWhileRunning.get("users"));
    assertFalse(executor.isShutdown(), "the run leaves the embedder's executor alone");
    AtomicReference<String> after = new AtomicReference<>();
    executor.submit(() -> after.set(Thread.currentThread().getName())).get(WAIT, TimeUnit.SECONDS);
    assertTrue(after.get().startsWith("embedder-"), "the executor takes tasks after the run");
  }

  @Test
  void aSecondRunUsesTheThreadsOfTheFirstAndTheyGetTheirNamesBack() throws Exception {
    executor = Executors.newFixedThreadPool(2, factory);
    Set<Thread> used = ConcurrentHashMap.newKeySet();
    ConnectorGraph graph =
        ConnectorGraph.builder("twice", "")
            .step("users", "", List.of(), 0, ctx -> used.add(Thread.currentThread()))
            .step("roles", "", List.of(), 0, ctx -> used.add(Thread.currentThread()))
            .step("policies", "", List.of("roles"), 1, ctx -> used.add(Thread.currentThread()))
            .build();

    RunReport first = ConnectorRunner.builder(graph).executor(executor).build().run();
    RunReport second = ConnectorRunner.builder(graph).executor(executor).build().run();
    quiesce(executor, 2);

    assertTrue(first.succeeded() && second.succeeded());
    assertEquals(2, made.size(), "two runs of three steps, on the executor's two threads");
    assertTrue(made.containsAll(used));
    for (Thread thread : made) {
      assertTrue(thread.getName().startsWith("embedder-"), thread.getName());
    }
  }

  @Test
  void aStepTheExecutorRejectsFailsWithWhatItThrewAndTheRunGoesOn() {
    AtomicInteger handed = new AtomicInteger();
    ExecutorService inner = executor;
    ConnectorGraph graph =
        ConnectorGraph.builder("rejected", "")
            .step("users", "", List.of(), 0, ctx -> {})
            .step("roles", "", List.of(), 0, ctx -> {})
            .step("policies", "", List.of("roles"), 1, ctx -> {})
            .build();

    RunReport report =
        ConnectorRunner.builder(graph)
            .parallelism(1) // steps start one after another, so the second one handed is "roles"
            .executor(task -> {
              if (handed.incrementAndGet() == 2) {
                throw new RejectedExecutionException("the pool is full");
              }
              inner.execute(task);
            })
            .build()
            .run();

    assertEquals(StepStatus.SUCCEEDED, status(report, "users"));
    assertEquals(StepStatus.FAILED, status(report, "roles"));
    Throwable error = report.step("roles").orElseThrow().error();
    assertTrue(error instanceof RejectedExecutionException, String.valueOf(error));
    assertEquals("the pool is full", error.getMessage());
    // The run goes on: the downstream step runs (its policy does not skip) and knows roles failed
    assertEquals(StepStatus.SUCCEEDED, status(report, "policies"));
    assertEquals(Set.of("roles"), report.step("policies").orElseThrow().failedDependencies());
  }

  @Test
  void cancellingInterruptsAStepOnTheExecutorsThreadAndFreesIt() throws Exception {
    executor = Executors.newFixedThreadPool(1, factory);
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    ConnectorGraph graph =
        ConnectorGraph.builder("cancelled", "")
            .step("waits", "", List.of(), 0, ctx -> {
              started.countDown();
              try {
                new CountDownLatch(1).await(WAIT, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
              }
            })
            .step("later", "", List.of("waits"), 1, ctx -> {})
            .build();
    ConnectorRunner runner = ConnectorRunner.builder(graph).executor(executor).build();
    AtomicReference<RunReport> report = new AtomicReference<>();
    Thread caller = new Thread(() -> report.set(runner.run()));
    caller.start();
    assertTrue(started.await(WAIT, TimeUnit.SECONDS));

    runner.cancel();
    caller.join(TimeUnit.SECONDS.toMillis(WAIT));

    assertTrue(report.get().cancelled());
    assertTrue(interrupted.get(), "the step's thread of the executor was interrupted");
    AtomicBoolean flagOfNextTask = new AtomicBoolean(true);
    executor.submit(() -> flagOfNextTask.set(Thread.currentThread().isInterrupted()))
        .get(WAIT, TimeUnit.SECONDS);
    assertFalse(flagOfNextTask.get(), "no interrupt meant for the step reaches the next task");
  }

  @Test
  void aTimeoutGivesUpAnAttemptOnTheExecutorAndTheRetryRunsOnAnotherOfItsThreads()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger attempts = new AtomicInteger();
    List<Thread> attemptThreads = new CopyOnWriteArrayList<>();
    ConnectorGraph graph =
        ConnectorGraph.builder("timeouts", "")
            .step("hangs-once", "", List.of(), 0,
                StepPolicy.DEFAULT.withTimeout(Duration.ofMillis(50))
                    .withRetry(RetryPolicy.of(2, Duration.ZERO, 1.0, Duration.ZERO, 0)),
                ctx -> {
                  attemptThreads.add(Thread.currentThread());
                  if (attempts.incrementAndGet() == 1) {
                    // Given up at 50 ms; the latch is released only after the run, so even a
                    // step that ignored its interrupt would be abandoned on its thread
                    release.await(WAIT, TimeUnit.SECONDS);
                  }
                })
            .build();

    RunReport report;
    try {
      report = ConnectorRunner.builder(graph).executor(executor).build().run();
    } finally {
      release.countDown();
    }

    assertEquals(StepStatus.SUCCEEDED, status(report, "hangs-once"));
    assertEquals(2, attemptThreads.size());
    assertTrue(made.containsAll(attemptThreads));
  }

  @Test
  void anExecutorAndARemoteExecutionDoNotGoTogether(@TempDir Path store) {
    ConnectorGraph graph =
        ConnectorGraph.builder("both", "").step("users", "", List.of(), 0, ctx -> {}).build();
    RemoteExecution remote =
        new RemoteExecution() {
          @Override
          public void execute(Run run, Listener listener) {}

          @Override
          public void cancel() {}
        };
    ConnectorRunner.Builder both =
        ConnectorRunner.builder(graph)
            .store(RunStore.directory(store))
            .remote(remote)
            .executor(executor);

    IllegalStateException e = assertThrows(IllegalStateException.class, both::build);
    assertEquals(
        "a remote execution runs the steps on its workers: call executor(...) or remote(...), not"
            + " both",
        e.getMessage());
  }
}
