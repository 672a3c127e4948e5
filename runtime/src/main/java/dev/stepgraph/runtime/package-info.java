/**
 * The Stepgraph runtime: runs the step graph that the processor generates.
 *
 * <p>Steps see a {@link dev.stepgraph.runtime.StepContext}; they emit {@link
 * dev.stepgraph.runtime.Entity entities} and {@link dev.stepgraph.runtime.Relationship
 * relationships} and read those of earlier waves through {@link dev.stepgraph.runtime.PriorData}.
 */
@NullMarked
package dev.stepgraph.runtime;

import org.jspecify.annotations.NullMarked;
