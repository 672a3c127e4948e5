package dev.stepgraph.bench;

import dev.stepgraph.bench.scheduler.Scheduler10kConnector_StepGraph;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.run.StepStatus;
import dev.stepgraph.runtime.store.RunRecording;
import dev.stepgraph.runtime.store.RunStore;
import dev.stepgraph.runtime.store.StepRecord;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The directory store's own work for a run of the 10,000 no-op steps of {@code
 * Scheduler10kConnector}, phase by phase, without the scheduler: {@code create} (the run's
 * directory and the manifest's first lines, with the fingerprints of every step: what a run does
 * before its first step), the commits of the 10,000 records in batches of BATCH (each a write and
 * a sync, on the recorder's thread in a real run) and {@code finish} (the last sync, retention).
 * Prints the median and quartiles of each over the second half of RUNS runs.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.stepgraph.bench.StorePhases DIRECTORY RUNS BATCH
 * </pre>
 */
public final class StorePhases {
  private StorePhases() {}

  public static void main(String[] args) throws Exception {
    ConnectorGraph graph = Scheduler10kConnector_StepGraph.create();
    Path directory = Paths.get(args[0]);
    int runs = Integer.parseInt(args[1]);
    int batch = Integer.parseInt(args[2]);
    RunStore store = RunStore.directory(directory);
    long[][] times = new long[runs][4];
    for (int r = 0; r < runs; r++) {
      long start = System.nanoTime();
      RunRecording recording =
          store.create(
              graph.id(), "r-" + r + "-" + start, Instant.now(), List.of(), graph.fingerprints());
      long created = System.nanoTime();
      List<StepRecord> records = new ArrayList<>();
      for (StepDefinition step : graph.steps()) {
        records.add(
            new StepRecord(step.id(), recording.session(), StepStatus.SUCCEEDED,
                graph.fingerprint(step.id()), 1, Map.of(), 0, null, null, null));
        if (records.size() == batch) {
          recording.commit(records);
          records = new ArrayList<>();
        }
      }
      long committed = System.nanoTime();
      recording.finish(records, Instant.now(), false);
      long finished = System.nanoTime();
      recording.close();
      times[r] =
          new long[] {created - start, committed - created, finished - committed, finished - start};
    }
    String[] names = {"create", "commits", "finish", "total"};
    for (int k = 0; k < names.length; k++) {
      long[] kept = new long[runs / 2]; // the second half: after the JIT warmed up
      for (int r = runs - kept.length; r < runs; r++) {
        kept[r - (runs - kept.length)] = times[r][k];
      }
      Arrays.sort(kept);
      System.out.printf(Locale.ROOT, "%-8s median %.2f ms (q1 %.2f, q3 %.2f)%n", names[k],
          kept[kept.length / 2] / 1e6, kept[kept.length / 4] / 1e6,
          kept[3 * kept.length / 4] / 1e6);
    }
  }
}
