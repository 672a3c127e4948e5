package dev.stepgraph.runtime.graph;

import dev.stepgraph.runtime.StepContext;

/**
 * The code of one step: in generated graphs, a direct call of the {@code @Step} method.
 */
@FunctionalInterface
public interface StepBody {
  void run(StepContext ctx) throws Exception;
}
