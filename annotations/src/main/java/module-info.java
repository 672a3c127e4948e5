/**
 * Stepgraph's annotations: {@code @Step}, {@code @Connector}, {@code @Retry} and what they take.
 * No dependencies.
 */
module dev.stepgraph.annotations {
  requires static org.jspecify; // nullness annotations, for compilers and tools only

  exports dev.stepgraph;
}
