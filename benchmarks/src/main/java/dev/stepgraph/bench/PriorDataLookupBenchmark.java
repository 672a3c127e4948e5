package dev.stepgraph.bench;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.PriorData;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Prior data, reading: lookups in the snapshot a wave-1 step sees after 100 steps emitted
 * 1,000,000 entities of 10 types ({@link PriorDataFixture}). {@code impl=stepgraph} is the
 * runtime's {@code ctx.prior()}, kept from a real run; {@code impl=hashmap} the hand-written
 * baseline index.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class PriorDataLookupBenchmark {
  @Param({"stepgraph", "hashmap"})
  public String impl;

  PriorData prior;
  String[] keys;
  int next;

  @Setup
  public void setUp() {
    Entity[][] entities = PriorDataFixture.entities();
    AtomicReference<PriorData> captured = new AtomicReference<>();
    if (impl.equals("stepgraph")) {
      Runs.check(Runs.run(PriorDataFixture.graph(entities, captured::set)), PriorDataFixture.STEPS + 1);
    } else {
      BaselineExecutors.perRun(executor -> PriorDataFixture.baselineRun(entities, executor, captured::set));
    }
    prior = captured.get();
    PriorDataFixture.checkCount(prior);
    keys = PriorDataFixture.keys(entities);
    java.util.Collections.shuffle(java.util.Arrays.asList(keys), new Random(42));
  }

  /** {@code entitiesByType} alone: the list of 100,000 entities of one type. */
  @Benchmark
  public List<Entity> entitiesByType() {
    return prior.entitiesByType(PriorDataFixture.TYPES[next++ % PriorDataFixture.TYPE_COUNT]);
  }

  /** {@code entitiesByType}, then a for-each over its 100,000 entities. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int entitiesByTypeForEach() {
    int sum = 0;
    for (Entity e : prior.entitiesByType(PriorDataFixture.TYPES[next++ % PriorDataFixture.TYPE_COUNT])) {
      sum += e.key().length();
    }
    return sum;
  }

  /** {@code entitiesByType}, then {@code get(i)} over its 100,000 entities. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int entitiesByTypeIndexed() {
    List<Entity> list = prior.entitiesByType(PriorDataFixture.TYPES[next++ % PriorDataFixture.TYPE_COUNT]);
    int sum = 0;
    for (int i = 0, n = list.size(); i < n; i++) {
      sum += list.get(i).key().length();
    }
    return sum;
  }

  /** {@code entityByKey} of a random existing key. */
  @Benchmark
  public Optional<Entity> entityByKey() {
    String key = keys[next++ % keys.length];
    return prior.entityByKey(key);
  }
}
