/** The command line that every generated {@code ConnectorMain} runs. */
@NullMarked
package dev.stepgraph.runtime.cli;

import org.jspecify.annotations.NullMarked;
