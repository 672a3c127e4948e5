package dev.stepgraph.runtime;

/**
 * The code of one step: in generated graphs, a direct call of the {@code @Step} method.
 */
@FunctionalInterface
public interface StepBody {
  void run(StepContext ctx) throws Exception;
}
