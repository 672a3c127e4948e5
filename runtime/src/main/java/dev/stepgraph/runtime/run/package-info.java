/**
 * Embedding: running a connector graph from your own code with {@link
 * dev.stepgraph.runtime.run.ConnectorRunner}, and what a run tells: its {@link
 * dev.stepgraph.runtime.run.RunEvent events}, its {@link dev.stepgraph.runtime.run.RunReport report}
 * and each step's {@link dev.stepgraph.runtime.run.StepResult result}.
 */
@NullMarked
package dev.stepgraph.runtime.run;

import org.jspecify.annotations.NullMarked;
