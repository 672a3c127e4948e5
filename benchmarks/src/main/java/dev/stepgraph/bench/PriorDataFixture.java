package dev.stepgraph.bench;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.PriorData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * 1,000,000 entities emitted by 100 steps of wave 0 (10,000 each, of 10 types in turn, unique
 * keys), then read by one step of wave 1. The entities are created once, up front, so runs measure
 * emitting and indexing them, not building them.
 */
public final class PriorDataFixture {
  public static final int STEPS = 100;
  public static final int PER_STEP = 10_000;
  public static final int TOTAL = STEPS * PER_STEP;
  public static final int TYPE_COUNT = 10;
  public static final String[] TYPES = new String[TYPE_COUNT];

  static {
    for (int t = 0; t < TYPE_COUNT; t++) {
      TYPES[t] = "type-" + t;
    }
  }

  private PriorDataFixture() {}

  /** entities[step][i]: type {@code type-(i % 10)}, key {@code s<step>-e<i>}, one property. */
  public static Entity[][] entities() {
    Entity[][] entities = new Entity[STEPS][PER_STEP];
    for (int s = 0; s < STEPS; s++) {
      for (int i = 0; i < PER_STEP; i++) {
        entities[s][i] = new Entity(TYPES[i % TYPE_COUNT], "s" + s + "-e" + i, java.util.Map.of("n", i));
      }
    }
    return entities;
  }

  /** Every key, step by step. */
  public static String[] keys(Entity[][] entities) {
    String[] keys = new String[TOTAL];
    int k = 0;
    for (Entity[] step : entities) {
      for (Entity e : step) {
        keys[k++] = e.key();
      }
    }
    return keys;
  }

  /** The graph: emitters {@code emit-0..99} in wave 0, {@code read} in wave 1 handing its prior data to {@code reader}. */
  public static ConnectorGraph graph(Entity[][] entities, Consumer<PriorData> reader) {
    ConnectorGraph.Builder builder = ConnectorGraph.builder("prior-data-bench", "");
    List<String> emitters = new ArrayList<>();
    for (int s = 0; s < STEPS; s++) {
      Entity[] mine = entities[s];
      String id = "emit-" + s;
      emitters.add(id);
      builder.step(id, "", List.of(), 0, ctx -> {
        for (Entity e : mine) {
          ctx.emit(e);
        }
      });
    }
    builder.step("read", "", emitters, 1, ctx -> reader.accept(ctx.prior()));
    return builder.build();
  }

  /**
   * The hand-written baseline of the same run: wave 0's steps on {@code executor}, each into its
   * own list; then a HashMap index by key and by type; then the reader.
   */
  public static void baselineRun(Entity[][] entities, Executor executor, Consumer<PriorData> reader) {
    List<BaselineContext> contexts = new ArrayList<>(STEPS);
    CompletableFuture<?>[] futures = new CompletableFuture<?>[STEPS];
    for (int s = 0; s < STEPS; s++) {
      Entity[] mine = entities[s];
      BaselineContext ctx = new BaselineContext("emit-" + s);
      contexts.add(ctx);
      futures[s] = CompletableFuture.runAsync(() -> {
        for (Entity e : mine) {
          ctx.emit(e);
        }
      }, executor);
    }
    CompletableFuture.allOf(futures).join();
    List<List<Entity>> perStep = new ArrayList<>(STEPS);
    for (BaselineContext ctx : contexts) {
      perStep.add(ctx.entities);
    }
    PriorData prior = new HashMapPriorData(perStep);
    CompletableFuture.runAsync(() -> reader.accept(new BaselineContext("read", prior).prior()), executor).join();
  }

  static void checkCount(PriorData prior) {
    if (prior.entityCount() != TOTAL) {
      throw new IllegalStateException("expected " + TOTAL + " prior entities, got " + prior.entityCount());
    }
  }
}
