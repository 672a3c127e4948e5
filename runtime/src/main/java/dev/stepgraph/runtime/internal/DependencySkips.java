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
   * failed}; null if it runs.
   */
  static @Nullable String reason(
      StepDefinition step, Map<String, StepStatus> unsuccessful) {
    if (!step.policy().skipOnDependencyFailure()) {
      return null;
    }
    for (String dependency : step.dependsOn()) {
      StepStatus status = unsuccessful.get(dependency);
      if (status == null) {
        continue;
      }
      return "dependency '" + dependency + "' " + describe(status);
    }
    return null;
  }

  private static String describe(StepStatus status) {
    switch (status) {
      case FAILED:
        return "failed";
      case TIMED_OUT:
        return "timed out";
      case SKIPPED:
        return "was skipped";
      case CANCELLED:
        return "was cancelled";
      case NOT_RUN:
        return "did not run";
      default:
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
