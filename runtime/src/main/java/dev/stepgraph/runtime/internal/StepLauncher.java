package dev.stepgraph.runtime.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts the steps of a run on their threads, at most {@code parallelism} at once. A step waiting
 * for a slot waits in a queue, not on a thread: the run's threads are bounded by how many steps
 * run, not by how many are ready (10,000 ready steps with a parallelism of 3 use 3 threads, not
 * 10,000 threads blocked on a semaphore). A step that ends frees its slot and starts the next
 * waiting step, in the order they were submitted.
 */
final class StepLauncher {
  private final int parallelism; // 0: unbounded, every submitted step starts at once
  private final StepThreads threads;
  private final AtomicInteger busy = new AtomicInteger();
  private final ConcurrentLinkedQueue<StepRun> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicInteger drainRequests = new AtomicInteger();
  private volatile boolean cancelled;

  StepLauncher(int parallelism, StepThreads threads) {
    this.parallelism = parallelism;
    this.threads = threads;
  }

  /** Starts the step now, or once a slot is free. */
  void submit(StepRun execution) {
    if (parallelism == 0) {
      launch(execution, false);
      return;
    }
    waiting.add(execution);
    drain();
  }

  /** A step that held a slot ended. */
  void release() {
    busy.decrementAndGet();
    if (parallelism != 0) {
      drain();
    }
  }

  /** No waiting step starts any more: each ends as not run. Idempotent. */
  void cancel() {
    cancelled = true;
    drain();
  }

  /**
   * Starts waiting steps while slots are free. One thread drains at a time; a call while another
   * drains (or from within a drain, as a step that cannot start ends at once and frees its slot)
   * makes that drain look again instead of recursing.
   */
  private void drain() {
    if (drainRequests.getAndIncrement() != 0) {
      return;
    }
    do {
      StepRun next;
      if (cancelled) {
        while ((next = waiting.poll()) != null) {
          next.notRun();
        }
      } else {
        // Only the drainer adds to busy, so a slot seen free here stays free until taken.
        while (busy.get() < parallelism && (next = waiting.poll()) != null) {
          launch(next, true);
        }
      }
    } while (drainRequests.decrementAndGet() != 0);
  }

  /**
   * Starts the step; {@code handOver} when it may run next on the calling step thread (a drain
   * runs at the very end of a step's task, or on a thread that is no step's).
   */
  private void launch(StepRun execution, boolean handOver) {
    busy.incrementAndGet();
    execution.tookSlot();
    try {
      if (handOver) {
        threads.startNext(execution.task());
      } else {
        threads.start(execution.task());
      }
    } catch (Throwable cannotStart) {
      // e.g. "unable to create native thread": the step fails, the run goes on and ends
      execution.failToStart(cannotStart);
    }
  }
}
