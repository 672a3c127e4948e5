/**
 * A test harness for Stepgraph connectors: {@link dev.stepgraph.testing.ConnectorTester} runs one
 * step against given prior data, or a step after its upstream steps, or the whole graph, through
 * the runtime's own engine (policies, contracts and key checks as in a real run) with virtual time
 * for retry backoff. Works with any test framework.
 */
module dev.stepgraph.testing {
  requires transitive dev.stepgraph.runtime;

  exports dev.stepgraph.testing;
}
