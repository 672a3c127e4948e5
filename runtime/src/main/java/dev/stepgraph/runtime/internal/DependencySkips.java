package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.run.StepStatus;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Whether a step is skipped because a step it depends on did not succeed, and why. */
final class DependencySkips {
  private DependencySkips() {}

  /**
   * Why a step whose policy says to skip on dependency failure does not run: its first direct
   * dependency (in declaration order) that did not succeed, e.g. {@code dependency 'hosts'
   * failed}; null if it runs. The rule is the policy's ({@link
   * dev.stepgraph.runtime.graph.StepPolicy#dependencySkipReason}), shared with remote runs.
   */
  static @Nullable String reason(StepDefinition step, Map<String, StepStatus> unsuccessful) {
    return step.policy().dependencySkipReason(step.dependsOn(), unsuccessful);
  }
}
