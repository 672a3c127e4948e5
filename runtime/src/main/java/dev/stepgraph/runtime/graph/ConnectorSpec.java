package dev.stepgraph.runtime.graph;

import dev.stepgraph.Schedule;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ConnectorGraph} says of its connector besides the steps: what {@link
 * ConnectorGraph#rebuild()} carries over to another graph of the same connector.
 *
 * @param id the connector id
 * @param description what the connector collects; may be empty
 * @param connector the connector instance the steps call, or {@code null} for a graph built by
 *     hand without one
 * @param schedule when the steps start
 * @param configKeys the configuration keys the connector declares, in declaration order
 */
record ConnectorSpec(
    String id,
    String description,
    @Nullable ConnectorInstance<?> connector,
    Schedule schedule,
    List<ConfigKeyDefinition> configKeys) {}
