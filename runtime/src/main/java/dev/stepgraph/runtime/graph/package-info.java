/**
 * What the generated code builds: the {@link dev.stepgraph.runtime.graph.ConnectorGraph graph} of a
 * connector, its {@link dev.stepgraph.runtime.graph.StepDefinition steps} and their {@link
 * dev.stepgraph.runtime.graph.StepPolicy policies}. Connector code rarely needs it; a graph built
 * by hand (tests, embedders) uses {@link dev.stepgraph.runtime.graph.ConnectorGraph#builder}.
 */
@NullMarked
package dev.stepgraph.runtime.graph;

import org.jspecify.annotations.NullMarked;
