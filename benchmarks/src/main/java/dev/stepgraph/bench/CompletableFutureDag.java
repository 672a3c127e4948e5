package dev.stepgraph.bench;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.StepContext;
import dev.stepgraph.runtime.graph.StepDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The hand-written baseline: the steps of a graph run as a {@link CompletableFuture} DAG, each step
 * starting, on {@code executor}, once {@code allOf} its dependencies' futures completed. It calls
 * the same step bodies as the runtime (the generated graph's: method references in a small graph,
 * a {@code case} of a generated {@code switch} in a large one), and knows nothing about waves.
 */
public final class CompletableFutureDag {
  private final StepDefinition[] steps;
  private final int[][] dependencies;

  public CompletableFutureDag(ConnectorGraph graph) {
    List<StepDefinition> list = graph.steps(); // wave order: dependencies come first
    steps = list.toArray(new StepDefinition[0]);
    Map<String, Integer> index = new HashMap<>(steps.length * 2);
    for (int i = 0; i < steps.length; i++) {
      index.put(steps[i].id(), i);
    }
    dependencies = new int[steps.length][];
    for (int i = 0; i < steps.length; i++) {
      List<String> deps = steps[i].dependsOn();
      dependencies[i] = new int[deps.size()];
      for (int j = 0; j < deps.size(); j++) {
        dependencies[i][j] = index.get(deps.get(j));
      }
    }
  }

  public int size() {
    return steps.length;
  }

  /** Runs every step once and waits for all of them. */
  public void run(Executor executor, Function<StepDefinition, StepContext> contexts) {
    CompletableFuture<?>[] futures = new CompletableFuture<?>[steps.length];
    for (int i = 0; i < steps.length; i++) {
      StepDefinition step = steps[i];
      Runnable body = () -> {
        try {
          step.body().run(contexts.apply(step));
        } catch (Exception e) {
          throw new CompletionException(e);
        }
      };
      int[] deps = dependencies[i];
      if (deps.length == 0) {
        futures[i] = CompletableFuture.runAsync(body, executor);
      } else {
        CompletableFuture<?>[] upstream = new CompletableFuture<?>[deps.length];
        for (int j = 0; j < deps.length; j++) {
          upstream[j] = futures[deps[j]];
        }
        futures[i] = CompletableFuture.allOf(upstream).thenRunAsync(body, executor);
      }
    }
    CompletableFuture.allOf(futures).join();
  }
}
