/**
 * The Stepgraph annotation processor: reads every class with {@code @Step} methods into a model,
 * checks it, computes its waves and generates {@code <Connector>_StepGraph} and a
 * {@code ConnectorMain} per package.
 *
 * <p>Layers, in the order {@link dev.stepgraph.processor.StepGraphProcessor} runs them through {@link
 * dev.stepgraph.processor.ConnectorPipeline} for each connector, each in its own small classes:
 *
 * <ol>
 *   <li>Read: {@link dev.stepgraph.processor.RoundElements} sorts a round's elements, {@link
 *       dev.stepgraph.processor.ModelReader} (with {@link dev.stepgraph.processor.StepReader} for each
 *       step) builds the immutable model ({@link
 *       dev.stepgraph.processor.ConnectorModel}, {@link dev.stepgraph.processor.StepModel}, {@link
 *       dev.stepgraph.processor.RetryModel}, {@link dev.stepgraph.processor.ConfigKeyModel}), with
 *       {@link dev.stepgraph.processor.StepBodyTypes} reading the types and configuration keys a
 *       step's body names from javac's syntax tree, and {@link
 *       dev.stepgraph.processor.ConfigKeyReader} the {@code @ConfigKey} declarations.
 *   <li>Check: each {@link dev.stepgraph.processor.ConnectorCheck} reports through one {@link
 *       dev.stepgraph.processor.Reporter}; {@link dev.stepgraph.processor.ProcessingRounds} keeps
 *       what spans rounds (ids per package, the {@code ConnectorMain} already written). Data
 *       contracts: {@link dev.stepgraph.processor.DataTypeNameCheck}, {@link
 *       dev.stepgraph.processor.ReadsUpstreamCheck} (on the dependency graph) and {@link
 *       dev.stepgraph.processor.StepBodyContractCheck} (on the body, only with the tree API).
 *       Configuration: {@link dev.stepgraph.processor.ConfigKeyCheck} (names, duplicates) and {@link
 *       dev.stepgraph.processor.StepBodyConfigCheck} (the keys a body reads).
 *   <li>Graph: {@link dev.stepgraph.processor.DependencyGraph}, {@link
 *       dev.stepgraph.processor.Cycles} and {@link dev.stepgraph.processor.Waves} work on plain
 *       indices, without {@code javax.lang.model}.
 *   <li>Fingerprint: {@link dev.stepgraph.processor.StepFingerprint} hashes each step's declaration
 *       and its method's source, reduced to its tokens by {@link
 *       dev.stepgraph.processor.JavaTokens}; {@link dev.stepgraph.processor.CombinedFingerprints}
 *       adds those of the steps upstream, on plain indices.
 *   <li>Generate: {@link dev.stepgraph.processor.GraphClassGenerator} writes the graph class in the
 *       {@link dev.stepgraph.processor.FlatGraphForm flat} or the {@link
 *       dev.stepgraph.processor.ChunkedGraphForm chunked} form, with each step's {@link
 *       dev.stepgraph.processor.ResolvedPolicy}, data contract and fingerprint; {@link
 *       dev.stepgraph.processor.ConnectorMainGenerator} writes {@code ConnectorMain}; {@link
 *       dev.stepgraph.processor.GeneratedTypes} names what generated code uses.
 * </ol>
 *
 * <p>Three "graphs", not to be confused: the processor's {@code DependencyGraph} exists only while
 * javac runs; the generated {@code X_StepGraph} class is what it writes; the runtime's {@code
 * ConnectorGraph} is what that class builds and a run executes.
 */
@NullMarked
package dev.stepgraph.processor;

import org.jspecify.annotations.NullMarked;
