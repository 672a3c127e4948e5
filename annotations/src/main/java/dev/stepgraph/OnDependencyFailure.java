package dev.stepgraph;

/** What a step does when a step it depends on did not succeed (failed, timed out or skipped). */
public enum OnDependencyFailure {
  /**
   * Use the connector's setting ({@link Connector#onDependencyFailure()}), which is {@link #RUN}
   * unless the connector says otherwise. Only meaningful on {@link Step}.
   */
  INHERIT,

  /**
   * Run anyway: the step sees the prior data without what the failed step would have emitted.
   * Right for steps that tolerate gaps, such as one that wires relationships between whatever was
   * collected.
   */
  RUN,

  /**
   * Do not run: the step ends as skipped, with a reason naming the upstream step that did not
   * succeed. Its own dependents that also say {@code SKIP} are skipped in turn.
   */
  SKIP
}
