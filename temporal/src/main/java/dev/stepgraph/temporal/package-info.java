/**
 * Runs a connector's compiled graph on Temporal: one generic workflow ({@link
 * dev.stepgraph.temporal.GraphWorkflow}) runs any graph from its description, each step is one
 * activity run by a worker through the connector's generated graph, and the steps' data goes
 * through the run store that the client and the workers share. {@link
 * dev.stepgraph.temporal.TemporalExecution} is the client's side, behind a {@code ConnectorRunner};
 * {@link dev.stepgraph.temporal.StepWorker} the workers'.
 */
@NullMarked
package dev.stepgraph.temporal;

import org.jspecify.annotations.NullMarked;
