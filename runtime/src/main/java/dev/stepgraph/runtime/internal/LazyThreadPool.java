package dev.stepgraph.runtime.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A fixed pool of daemon threads named {@code NAME1}, {@code NAME2}, ..., started when first
 * asked for: a run that never needs it starts no thread.
 */
final class LazyThreadPool {
  private final String name;
  private final int threads;
  private volatile @Nullable ExecutorService pool;

  LazyThreadPool(String name, int threads) {
    this.name = name;
    this.threads = threads;
  }

  /** The pool, started on the first call. */
  ExecutorService get() {
    ExecutorService started = pool;
    if (started == null) {
      synchronized (this) {
        started = pool;
        if (started == null) {
          AtomicInteger number = new AtomicInteger();
          started =
              Executors.newFixedThreadPool(
                  threads,
                  task -> {
                    Thread thread = new Thread(task, name + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                  });
          pool = started;
        }
      }
    }
    return started;
  }

  /** Stops the pool's threads, if it was started, without waiting for them. */
  void shutdownNow() {
    ExecutorService started = pool;
    if (started != null) {
      started.shutdownNow();
    }
  }
}
