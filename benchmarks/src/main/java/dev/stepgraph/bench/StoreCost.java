package dev.stepgraph.bench;

import dev.stepgraph.bench.scheduler.Scheduler10kConnector_StepGraph;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.run.ConnectorRunner;
import dev.stepgraph.runtime.run.RunReport;
import dev.stepgraph.runtime.store.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What the run store costs: wall time of a run recorded in a directory store against the same run
 * without one ({@code --no-state}), in the same JVM, the two interleaved run by run so that load
 * and JIT state hit both alike. Two workloads: the 1,000,000-entity prior-data run ({@link
 * PriorDataFixture}: 100 steps emit 10,000 entities each, which the store writes as 100 step
 * files of JSON Lines) and the 10,000 no-op steps of {@code Scheduler10kConnector} (10,000
 * records, no files). The store keeps its default 10 runs, so from the eleventh run on each run
 * also deletes the oldest: the steady state.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.stepgraph.bench.StoreCost DIRECTORY [priordata|noop10k|both] [pairs]</pre>
 *
 * Prints, per workload: the median, quartiles and minimum of each, the ratio of the medians, the
 * median of the pairwise ratios, and the process's CPU time per run (all threads); and the load
 * average before and after.
 */
public final class StoreCost {
  private StoreCost() {}

  public static void main(String[] args) throws Exception {
    Path directory = Paths.get(args.length > 0 ? args[0] : "target/store-cost");
    String which = args.length > 1 ? args[1] : "both";
    int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    System.out.printf(Locale.ROOT, "JDK %s, %d processors, load %s, store in %s%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors(), load(), directory.toAbsolutePath());
    if (which.equals("priordata") || which.equals("both")) {
      Entity[][] entities = PriorDataFixture.entities();
      ConnectorGraph graph = PriorDataFixture.graph(entities, PriorDataFixture::checkCount);
      measure("prior data, 1,000,000 entities", graph, PriorDataFixture.STEPS + 1,
          directory.resolve("priordata"), 5, pairs > 0 ? pairs : 15);
    }
    if (which.equals("noop10k") || which.equals("both")) {
      ConnectorGraph graph = Scheduler10kConnector_StepGraph.create();
      measure("10,000 no-op steps", graph, SchedulerBenchmark.STEPS, directory.resolve("noop10k"),
          100, pairs > 0 ? pairs : 100);
    }
    System.out.printf(Locale.ROOT, "load after: %s%n", load());
  }

  private static void measure(
      String name, ConnectorGraph graph, int steps, Path directory, int warmups, int pairs)
      throws IOException {
    deleteTree(directory);
    RunStore store = RunStore.directory(directory);
    for (int i = 0; i < warmups; i++) {
      time(graph, null, steps);
      time(graph, store, steps);
    }
    long[] without = new long[pairs];
    long[] with = new long[pairs];
    long[] cpuWithout = new long[pairs];
    long[] cpuWith = new long[pairs];
    double[] ratios = new double[pairs];
    for (int i = 0; i < pairs; i++) {
      // Alternate which goes first, so neither always runs right after the other's garbage.
      for (int j = 0; j < 2; j++) {
        boolean stored = (i + j) % 2 == 1;
        long cpu = cpuNanos();
        long wall = time(graph, stored ? store : null, steps);
        cpu = cpuNanos() - cpu;
        (stored ? with : without)[i] = wall;
        (stored ? cpuWith : cpuWithout)[i] = cpu;
      }
      ratios[i] = with[i] / (double) without[i];
    }
    double medianWithout = median(without);
    double medianWith = median(with);
    System.out.printf(Locale.ROOT, "%s, %d interleaved pairs after %d warm-up pairs:%n", name, pairs, warmups);
    print("  --no-state", without);
    print("  store     ", with);
    Arrays.sort(ratios);
    System.out.printf(Locale.ROOT,
        "  store / --no-state: %.3f (medians), pairwise ratios median %.3f, quartiles %.3f-%.3f; load %s%n",
        medianWith / medianWithout, ratios[pairs / 2], ratios[pairs / 4], ratios[3 * pairs / 4], load());
    // CPU time of the whole process (every thread, GC included) during each run: less disturbed
    // by other work on the machine than wall time, and blind to time spent waiting on the disk.
    System.out.printf(Locale.ROOT,
        "  process CPU per run: --no-state median %.2f ms, store median %.2f ms, ratio %.3f%n",
        median(cpuWithout) / 1e6, median(cpuWith) / 1e6, median(cpuWith) / median(cpuWithout));
  }

  private static long time(ConnectorGraph graph, RunStore store, int steps) {
    ConnectorRunner.Builder builder = ConnectorRunner.builder(graph).listener(Runs.NO_OP_LISTENER);
    if (store != null) {
      builder.store(store);
    }
    long start = System.nanoTime();
    RunReport report = builder.build().run();
    long nanos = System.nanoTime() - start;
    Runs.check(report, steps);
    if (!report.warnings().isEmpty()) {
      throw new IllegalStateException("the run warned: " + report.warnings());
    }
    return nanos;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void print(String label, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%s median %.2f ms, quartiles %.2f-%.2f ms, min %.2f ms%n", label,
        median(nanos) / 1e6, sorted[sorted.length / 4] / 1e6, sorted[3 * sorted.length / 4] / 1e6,
        sorted[0] / 1e6);
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  private static String load() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void deleteTree(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(directory)) {
      walk.forEach(paths::add);
    }
    paths.sort(Comparator.reverseOrder());
    for (Path path : paths) {
      Files.delete(path);
    }
  }
}
