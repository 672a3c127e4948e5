/**
 * Testing connectors: {@link dev.stepgraph.testing.ConnectorTester}, {@link
 * dev.stepgraph.testing.StepTest} and their results.
 */
@NullMarked
package dev.stepgraph.testing;

import org.jspecify.annotations.NullMarked;
