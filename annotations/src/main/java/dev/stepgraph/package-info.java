/**
 * The annotations a connector author writes: {@link dev.stepgraph.Step}, {@link
 * dev.stepgraph.Connector}, {@link dev.stepgraph.Retry} and {@link dev.stepgraph.ConfigKey}.
 */
@NullMarked
package dev.stepgraph;

import org.jspecify.annotations.NullMarked;
