/**
 * The example connector: {@link dev.stepgraph.example.CloudInventoryConnector} collects a
 * simulated cloud inventory in six steps over three waves.
 */
@NullMarked
package dev.stepgraph.example;

import org.jspecify.annotations.NullMarked;
