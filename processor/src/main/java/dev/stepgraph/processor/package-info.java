/**
 * The Stepgraph annotation processor: reads every class with {@code @Step} methods into a model,
 * checks it, computes its waves and generates {@code <Connector>_StepGraph} and a
 * {@code ConnectorMain} per package.
 *
 * <p>Layers, each in its own small classes: the reader ({@link dev.stepgraph.processor.ModelReader})
 * builds an immutable model; the checks ({@link dev.stepgraph.processor.ConnectorCheck}) report
 * through one {@link dev.stepgraph.processor.Reporter}; the graph algorithms ({@link
 * dev.stepgraph.processor.DependencyGraph}, {@link dev.stepgraph.processor.Cycles}, {@link
 * dev.stepgraph.processor.Waves}) work on plain indices; the generators write JavaPoet sources.
 */
@NullMarked
package dev.stepgraph.processor;

import org.jspecify.annotations.NullMarked;
