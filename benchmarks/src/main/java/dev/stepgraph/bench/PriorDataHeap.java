package dev.stepgraph.bench;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.RunReport;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Retained heap of prior data: how many bytes per entity the runtime keeps, beyond the entities
 * themselves, while a wave-1 step holds the snapshot of 1,000,000 entities, and after the run (in
 * its {@link RunReport}); the same for the hand-written HashMap baseline. Heap used is read after
 * full GCs; run with {@code -XX:+UseSerialGC} so that number is exact:
 *
 * <pre>java -XX:+UseSerialGC -Xmx4g -cp benchmarks/target/benchmarks.jar dev.stepgraph.bench.PriorDataHeap</pre>
 */
public final class PriorDataHeap {
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    long empty = usedAfterGc();
    Entity[][] entities = PriorDataFixture.entities();
    long withEntities = usedAfterGc();
    long entityBytes = withEntities - empty;
    System.out.printf(Locale.ROOT, "JDK %s, %s%n", Runtime.version(), ManagementFactory.getRuntimeMXBean().getVmName());
    System.out.printf(Locale.ROOT, "the 1,000,000 entities themselves: %,d bytes (%.1f per entity)%n",
        entityBytes, entityBytes / (double) PriorDataFixture.TOTAL);
    for (int r = 1; r <= rounds; r++) {
      AtomicLong duringStepgraph = new AtomicLong();
      RunReport report = Runs.run(PriorDataFixture.graph(entities, prior -> {
        PriorDataFixture.checkCount(prior);
        duringStepgraph.set(usedAfterGc());
      }));
      Runs.check(report, PriorDataFixture.STEPS + 1);
      long afterStepgraph = usedAfterGc();
      print(r, "stepgraph", "while wave 1 runs", duringStepgraph.get() - withEntities);
      print(r, "stepgraph", "RunReport after the run", afterStepgraph - withEntities);
      report = null;

      AtomicLong duringBaseline = new AtomicLong();
      Executor executor = BaselineExecutors.likeRuntime();
      PriorDataFixture.baselineRun(entities, executor, prior -> {
        PriorDataFixture.checkCount(prior);
        duringBaseline.set(usedAfterGc());
      });
      BaselineExecutors.shutdown(executor);
      print(r, "hashmap baseline", "while wave 1 runs", duringBaseline.get() - withEntities);
    }
    if (entities.length != PriorDataFixture.STEPS) {
      throw new AssertionError(); // keeps the entities reachable to the end
    }
  }

  static void print(int round, String impl, String when, long bytes) {
    System.out.printf(Locale.ROOT, "round %d: %-16s %-24s retains %,13d bytes = %6.1f bytes per entity%n",
        round, impl, when, bytes, bytes / (double) PriorDataFixture.TOTAL);
  }

  static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
