package dev.stepgraph.bench;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.run.RunReport;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Retained heap of prior data: how many bytes the runtime keeps, beyond the 1,000,000 entities
 * themselves, while a wave-1 step holds the snapshot of them ({@link PriorDataFixture}), and after
 * the run while its {@link RunReport} is held; the same for the hand-written HashMap baseline.
 * Every figure is the difference of heap used after full GCs, measured against the heap used just
 * before the same run, so runs do not disturb each other. One implementation per JVM; run with
 * {@code -XX:+UseSerialGC} so heap used after {@code System.gc()} is exact:
 *
 * <pre>java -XX:+UseSerialGC -Xmx4g -cp benchmarks/target/benchmarks.jar dev.stepgraph.bench.PriorDataHeap stepgraph|hashmap [rounds]</pre>
 */
public final class PriorDataHeap {
  public static void main(String[] args) {
    String impl = args.length > 0 ? args[0] : "stepgraph";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    long empty = settledUsed();
    Entity[][] entities = PriorDataFixture.entities();
    long withEntities = settledUsed();
    System.out.printf(Locale.ROOT, "%s on JDK %s: the 1,000,000 entities themselves take %,d bytes (%.1f per entity)%n",
        impl, Runtime.version(), withEntities - empty, (withEntities - empty) / (double) PriorDataFixture.TOTAL);
    for (int r = 1; r <= rounds; r++) {
      long before = settledUsed();
      // One round per call: its frame, and every reference the interpreter keeps in it, is gone
      // before the next round measures its starting point.
      long[] measured = impl.equals("stepgraph") ? stepgraphRound(entities) : baselineRound(entities);
      print(r, impl, "while wave 1 runs", measured[0] - before);
      if (measured.length > 1) {
        print(r, impl, "after, RunReport held", measured[1] - before);
      }
    }
    if (entities.length != PriorDataFixture.STEPS) {
      throw new AssertionError(); // keeps the entities reachable to the end
    }
  }

  static long[] stepgraphRound(Entity[][] entities) {
    AtomicLong during = new AtomicLong();
    RunReport report = Runs.run(PriorDataFixture.graph(entities, prior -> {
      PriorDataFixture.checkCount(prior);
      during.set(usedAfterGc());
    }));
    Runs.check(report, PriorDataFixture.STEPS + 1);
    long after = usedAfterGc();
    if (report.steps().isEmpty()) {
      throw new AssertionError(); // keeps the report reachable up to here
    }
    return new long[] {during.get(), after};
  }

  static long[] baselineRound(Entity[][] entities) {
    AtomicLong during = new AtomicLong();
    BaselineExecutors.perRun(executor -> PriorDataFixture.baselineRun(entities, executor, prior -> {
      PriorDataFixture.checkCount(prior);
      during.set(usedAfterGc());
    }));
    return new long[] {during.get()};
  }

  static void print(int round, String impl, String when, long bytes) {
    System.out.printf(Locale.ROOT, "round %d: %-9s %-22s retains %,12d bytes = %6.1f bytes per entity%n",
        round, impl, when, bytes, bytes / (double) PriorDataFixture.TOTAL);
  }

  /**
   * Heap used once it stops changing: the threads of the previous round may still be ending, and
   * a thread that has not terminated yet keeps its task, and so that round's data, reachable.
   */
  static long settledUsed() {
    long previous = usedAfterGc();
    for (int i = 0; i < 50; i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      long now = usedAfterGc();
      if (Math.abs(now - previous) < 256 * 1024) {
        return now;
      }
      previous = now;
    }
    return previous;
  }

  static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
