/** The annotations a connector author writes: {@link dev.stepgraph.Step} and {@link dev.stepgraph.Connector}. */
@NullMarked
package dev.stepgraph;

import org.jspecify.annotations.NullMarked;
