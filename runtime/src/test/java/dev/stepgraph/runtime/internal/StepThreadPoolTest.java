package dev.stepgraph.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JDK 17 step threads ({@link StepThreadPool}) and the interrupt handle of a task ({@link
 * InterruptibleTask}), directly: both are base classes, so these run on every JDK (on 21+ the scheduler uses
 * virtual threads instead). A worker counts down {@code idle} each time it became idle, so a test
 * knows, without sleeping, that the next task goes to a thread that ran an earlier one.
 */
@Timeout(120)
class StepThreadPoolTest {
  private static final long WAIT = 30;

  private final AtomicReference<CountDownLatch> idle =
      new AtomicReference<>(new CountDownLatch(0));
  private final StepThreadPool pool =
      new StepThreadPool("pool-test-", () -> idle.get().countDown());

  @AfterEach
  void closePool() {
    pool.close();
  }

  /** Expects {@code count} more workers to become idle. */
  private CountDownLatch expectIdle(int count) {
    CountDownLatch latch = new CountDownLatch(count);
    idle.set(latch);
    return latch;
  }

  private static InterruptibleTask task(String name, Consumer<InterruptibleTask> body) {
    return new InterruptibleTask(name, body);
  }

  /** Runs a task that records its thread and returns that thread once the task ran. */
  private Thread runAndRecordThread(String name) throws InterruptedException {
    AtomicReference<Thread> thread = new AtomicReference<>();
    CountDownLatch ran = new CountDownLatch(1);
    pool.start(task(name, self -> {
      thread.set(Thread.currentThread());
      ran.countDown();
    }));
    assertTrue(ran.await(WAIT, TimeUnit.SECONDS));
    return thread.get();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        if (latch.await(WAIT, TimeUnit.SECONDS)) {
          break;
        }
        throw new AssertionError("not released within " + WAIT + " s");
      } catch (InterruptedException e) {
        interrupted = true; // a task that ignores interrupts
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void anIdleThreadRunsTheNextTaskNamedAfterItWhileItRuns() throws Exception {
    CountDownLatch firstIdle = expectIdle(1);
    Thread first = runAndRecordThread("stepgraph-a");
    assertTrue(firstIdle.await(WAIT, TimeUnit.SECONDS));
    assertEquals("pool-test-1", first.getName(), "an idle thread has the pool's name");

    AtomicReference<String> nameWhileRunning = new AtomicReference<>();
    CountDownLatch ran = new CountDownLatch(1);
    AtomicReference<Thread> second = new AtomicReference<>();
    pool.start(task("stepgraph-b", self -> {
      second.set(Thread.currentThread());
      nameWhileRunning.set(Thread.currentThread().getName());
      ran.countDown();
    }));
    assertTrue(ran.await(WAIT, TimeUnit.SECONDS));

    assertSame(first, second.get(), "the idle thread was reused");
    assertEquals("stepgraph-b", nameWhileRunning.get());
    assertTrue(first.isDaemon());
  }

  @Test
  void noTaskWaitsForAFreeThreadAndIdleOnesAreReused() throws Exception {
    Set<Thread> firstRound = ConcurrentHashMap.newKeySet();
    CountDownLatch firstIdle = expectIdle(3);
    CyclicBarrier threeInside = new CyclicBarrier(3);
    CountDownLatch firstPassed = new CountDownLatch(3);
    for (int i = 0; i < 3; i++) {
      pool.start(task("first-" + i, self -> {
        firstRound.add(Thread.currentThread());
        awaitBarrier(threeInside);
        firstPassed.countDown();
      }));
    }
    assertTrue(firstPassed.await(WAIT, TimeUnit.SECONDS), "three tasks ran at once");
    assertTrue(firstIdle.await(WAIT, TimeUnit.SECONDS));

    Set<Thread> secondRound = ConcurrentHashMap.newKeySet();
    CyclicBarrier fiveInside = new CyclicBarrier(5);
    CountDownLatch secondPassed = new CountDownLatch(5);
    for (int i = 0; i < 5; i++) {
      pool.start(task("second-" + i, self -> {
        secondRound.add(Thread.currentThread());
        awaitBarrier(fiveInside);
        secondPassed.countDown();
      }));
    }
    assertTrue(
        secondPassed.await(WAIT, TimeUnit.SECONDS), "three idle and two new threads at once");

    assertEquals(3, firstRound.size());
    assertEquals(5, secondRound.size());
    assertTrue(secondRound.containsAll(firstRound), "the three idle threads were reused");
  }

  private static void awaitBarrier(CyclicBarrier barrier) {
    try {
      barrier.await(WAIT, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anInterruptForATaskThatEndedNeverReachesTheNextTaskOnItsThread() throws Exception {
    CountDownLatch firstIdle = expectIdle(1);
    AtomicReference<Thread> firstThread = new AtomicReference<>();
    CountDownLatch ran = new CountDownLatch(1);
    InterruptibleTask first = task("first", self -> {
      firstThread.set(Thread.currentThread());
      ran.countDown();
    });
    pool.start(first);
    assertTrue(ran.await(WAIT, TimeUnit.SECONDS));
    assertTrue(firstIdle.await(WAIT, TimeUnit.SECONDS));

    first.interrupt(); // e.g. a cancel that read the step's handle just before it ended

    AtomicReference<String> seen = new AtomicReference<>();
    CountDownLatch secondStarted = new CountDownLatch(1);
    CountDownLatch secondRelease = new CountDownLatch(1);
    CountDownLatch secondRan = new CountDownLatch(1);
    AtomicReference<Thread> secondThread = new AtomicReference<>();
    pool.start(task("second", self -> {
      secondThread.set(Thread.currentThread());
      String atStart = interruptState();
      secondStarted.countDown();
      try {
        seen.set(
            atStart + ", then "
                + (secondRelease.await(WAIT, TimeUnit.SECONDS) ? "not interrupted" : "stuck"));
      } catch (InterruptedException e) {
        seen.set(atStart + ", then interrupted");
      }
      secondRan.countDown();
    }));
    assertTrue(secondStarted.await(WAIT, TimeUnit.SECONDS));
    first.interrupt(); // and once more while the next task waits on the same thread
    secondRelease.countDown();
    assertTrue(secondRan.await(WAIT, TimeUnit.SECONDS));

    assertSame(firstThread.get(), secondThread.get(), "the same thread ran both");
    assertEquals("not interrupted, then not interrupted", seen.get());
  }

  /** Whether the current thread is interrupted, as a blocking call would find out. */
  private static String interruptState() {
    try {
      new CountDownLatch(1).await(0, TimeUnit.NANOSECONDS);
      return "not interrupted";
    } catch (InterruptedException e) {
      return "interrupted";
    }
  }

  @Test
  void anInterruptATaskLeavesSetOnItsThreadIsClearedBeforeTheNextTask() throws Exception {
    CountDownLatch firstIdle = expectIdle(1);
    AtomicReference<Thread> firstThread = new AtomicReference<>();
    CountDownLatch ran = new CountDownLatch(1);
    pool.start(task("restores-the-flag", self -> {
      firstThread.set(Thread.currentThread());
      Thread.currentThread().interrupt(); // as a step that caught InterruptedException should
      ran.countDown();
    }));
    assertTrue(ran.await(WAIT, TimeUnit.SECONDS));
    assertTrue(firstIdle.await(WAIT, TimeUnit.SECONDS));
    Thread first = firstThread.get();

    AtomicReference<String> seen = new AtomicReference<>();
    AtomicReference<Thread> secondThread = new AtomicReference<>();
    CountDownLatch secondRan = new CountDownLatch(1);
    pool.start(task("next", self -> {
      secondThread.set(Thread.currentThread());
      seen.set(interruptState());
      secondRan.countDown();
    }));
    assertTrue(secondRan.await(WAIT, TimeUnit.SECONDS));
    assertSame(first, secondThread.get());
    assertEquals("not interrupted", seen.get());
  }

  @Test
  void aTaskEndsWithItsThreadNoLongerInterruptedWhateverItsBodyLeftSet() {
    InterruptibleTask task = task("restores-the-flag", self -> Thread.currentThread().interrupt());
    boolean interruptedAfter;
    try {
      task.run();
    } finally {
      interruptedAfter = Thread.interrupted();
    }

    assertFalse(interruptedAfter);
  }

  @Test
  void anInterruptBeforeATaskStartsReachesItWhenItStarts() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    CountDownLatch ran = new CountDownLatch(1);
    InterruptibleTask task = task("given-up-early", self -> {
      seen.set(interruptState());
      ran.countDown();
    });

    task.interrupt();
    pool.start(task);

    assertTrue(ran.await(WAIT, TimeUnit.SECONDS));
    assertEquals("interrupted", seen.get());
  }

  @Test
  void eachInterruptOfARunningTaskIsDelivered() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch firstSeen = new CountDownLatch(1);
    CountDownLatch secondSeen = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    InterruptibleTask task = task("swallows-one", self -> {
      started.countDown();
      try {
        never.await();
      } catch (InterruptedException swallowed) {
        firstSeen.countDown();
      }
      try {
        never.await();
      } catch (InterruptedException e) {
        secondSeen.countDown();
      }
    });
    pool.start(task);
    assertTrue(started.await(WAIT, TimeUnit.SECONDS));

    task.interrupt();
    assertTrue(firstSeen.await(WAIT, TimeUnit.SECONDS));
    task.interrupt(); // e.g. a timeout, then a cancel

    assertTrue(secondSeen.await(WAIT, TimeUnit.SECONDS));
  }

  /**
   * close() wakes one idle thread, and each thread that stops wakes the next: every idle thread
   * still ends. (Without the hand-on, only the first would.)
   */
  @Test
  void closeEndsEveryIdleThread() throws Exception {
    int threads = 20;
    Set<Thread> workers = ConcurrentHashMap.newKeySet();
    CountDownLatch allIdle = expectIdle(threads);
    CyclicBarrier together = new CyclicBarrier(threads);
    for (int i = 0; i < threads; i++) {
      pool.start(task("together-" + i, self -> {
        workers.add(Thread.currentThread());
        awaitBarrier(together);
      }));
    }
    assertTrue(allIdle.await(WAIT, TimeUnit.SECONDS));
    assertEquals(threads, workers.size(), "the tasks ran at once, each on a thread of its own");

    pool.close();

    for (Thread worker : workers) {
      worker.join(TimeUnit.SECONDS.toMillis(WAIT));
      assertFalse(worker.isAlive(), worker.getName() + " was idle: it ends when the pool closes");
    }
  }

  @Test
  void aThreadStillRunningAnAbandonedTaskIsNeverReusedAndCloseDoesNotWaitForIt() throws Exception {
    CountDownLatch stuckStarted = new CountDownLatch(1);
    CountDownLatch interruptIgnored = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Thread> stuckThread = new AtomicReference<>();
    InterruptibleTask stuck = task("stuck", self -> {
      stuckThread.set(Thread.currentThread());
      stuckStarted.countDown();
      try {
        release.await();
      } catch (InterruptedException ignored) {
        interruptIgnored.countDown(); // a step that ignores interrupts keeps going
      }
      awaitQuietly(release);
    });
    pool.start(stuck);
    assertTrue(stuckStarted.await(WAIT, TimeUnit.SECONDS));
    stuck.interrupt(); // the timeout gave up on it
    assertTrue(interruptIgnored.await(WAIT, TimeUnit.SECONDS));

    Set<Thread> others = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      others.add(runAndRecordThread("after-" + i));
    }
    assertFalse(others.contains(stuckThread.get()), "a busy thread was handed another task");

    pool.close(); // returns although "stuck" still runs
    assertThrows(RejectedExecutionException.class, () -> pool.start(task("late", self -> {})));
    assertTrue(stuckThread.get().isAlive(), "close left the stuck task alone");
    for (Thread other : others) {
      other.join(TimeUnit.SECONDS.toMillis(WAIT));
      assertFalse(other.isAlive(), "an idle thread ends when the pool closes");
    }
    release.countDown();
    stuckThread.get().join(TimeUnit.SECONDS.toMillis(WAIT));
    assertFalse(stuckThread.get().isAlive(), "a busy thread ends once its task returns");
  }

  /**
   * The interrupter has claimed the task (RUNNING -> INTERRUPTING) but not yet interrupted the
   * thread when the body returns: the thread's interrupt() pauses on a latch to hold it there. Set
   * up this way every time; whether a runner that did not wait for the interrupt would have moved
   * on before it landed is a race, hence the repetitions (a runner that does not wait was caught
   * in about 2 runs of 5).
   */
  @RepeatedTest(50)
  void anInterruptInFlightWhenTheTaskReturnsIsClearedBeforeItsThreadMovesOn() throws Exception {
    CountDownLatch interrupting = new CountDownLatch(1);
    CountDownLatch deliver = new CountDownLatch(1);
    CountDownLatch bodyStarted = new CountDownLatch(1);
    CountDownLatch bodyMayReturn = new CountDownLatch(1);
    CountDownLatch nextStarted = new CountDownLatch(1);
    CountDownLatch nextRelease = new CountDownLatch(1);
    AtomicReference<String> afterFirst = new AtomicReference<>();
    AtomicReference<String> next = new AtomicReference<>();
    InterruptibleTask first = task("finishing", self -> {
      bodyStarted.countDown();
      awaitQuietly(bodyMayReturn);
    });
    InterruptibleTask second = task("next", self -> {
      nextStarted.countDown();
      try {
        next.set(nextRelease.await(WAIT, TimeUnit.SECONDS) ? "not interrupted" : "not released");
      } catch (InterruptedException e) {
        next.set("interrupted");
      }
    });
    Thread runner =
        new Thread(() -> {
          first.run();
          boolean interrupted = Thread.currentThread().isInterrupted();
          afterFirst.set(interrupted ? "interrupted" : "not interrupted");
          second.run();
        }) {
          @Override
          public void interrupt() {
            interrupting.countDown();
            awaitQuietly(deliver);
            super.interrupt();
          }
        };
    runner.setDaemon(true);
    runner.start();
    assertTrue(bodyStarted.await(WAIT, TimeUnit.SECONDS));
    Thread interrupter = new Thread(first::interrupt);
    interrupter.start();
    assertTrue(interrupting.await(WAIT, TimeUnit.SECONDS));

    bodyMayReturn.countDown(); // the body returns while the interrupt is in flight
    deliver.countDown();
    interrupter.join(TimeUnit.SECONDS.toMillis(WAIT));
    assertTrue(nextStarted.await(WAIT, TimeUnit.SECONDS));
    nextRelease.countDown();
    runner.join(TimeUnit.SECONDS.toMillis(WAIT));

    assertFalse(runner.isAlive());
    assertEquals("not interrupted", afterFirst.get(), "the first task's interrupt ended with it");
    assertEquals("not interrupted", next.get(), "the next task on the thread was not interrupted");
  }

  @Test
  void aTaskRunsOnce() {
    InterruptibleTask task = task("once", self -> {});
    task.run();

    IllegalStateException e = assertThrows(IllegalStateException.class, task::run);
    assertEquals("task 'once' already ran", e.getMessage());
  }
}
