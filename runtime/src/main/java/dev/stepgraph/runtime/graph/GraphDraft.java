package dev.stepgraph.runtime.graph;

import dev.stepgraph.Schedule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ConnectorGraph.Builder} has collected so far, with the checks each addition
 * passes at once; {@link #build()} makes the graph of it, which checks the whole.
 */
final class GraphDraft {
  private final String id;
  private final String description;
  private final @Nullable ConnectorInstance<?> connector;
  // In the order added; a step added without a wave has its wave computed by build().
  private final List<AddedStep> steps = new ArrayList<>();
  private Schedule schedule = Schedule.WAVES;
  private Map<String, String> fingerprints = new LinkedHashMap<>();
  // Set by build(), whose graph holds the fingerprints map: the next fingerprint copies it first.
  private boolean fingerprintsShared;
  private final Map<String, ConfigKeyDefinition> configKeys = new LinkedHashMap<>();

  /** An empty draft of a graph of connector {@code id} whose steps call {@code connector}. */
  GraphDraft(String id, String description, @Nullable ConnectorInstance<?> connector) {
    this.id = Objects.requireNonNull(id, "id");
    this.description = Objects.requireNonNull(description, "description");
    this.connector = connector;
  }

  /** A draft without steps of another graph of the connector {@code spec} describes. */
  GraphDraft(ConnectorSpec spec) {
    this(spec.id(), spec.description(), spec.connector());
    schedule(spec.schedule());
    for (ConfigKeyDefinition key : spec.configKeys()) {
      configKey(key);
    }
  }

  void add(AddedStep step) {
    steps.add(step);
  }

  /** Sets the fingerprint of a step: see {@link ConnectorGraph.Builder#fingerprint}. */
  void fingerprint(String stepId, String fingerprint) {
    Objects.requireNonNull(stepId, "stepId");
    if (Objects.requireNonNull(fingerprint, "fingerprint").isBlank()) {
      throw new IllegalArgumentException("step '" + stepId + "': fingerprint is blank");
    }
    if (fingerprintsShared) {
      fingerprints = new LinkedHashMap<>(fingerprints);
      fingerprintsShared = false;
    }
    fingerprints.put(stepId, fingerprint);
  }

  /** Declares a configuration key: see {@link ConnectorGraph.Builder#configKey}. */
  void configKey(ConfigKeyDefinition key) {
    Objects.requireNonNull(key, "key");
    if (configKeys.putIfAbsent(key.name(), key) != null) {
      throw new IllegalArgumentException(
          "connector '" + id + "': config key '" + key.name() + "' is declared twice");
    }
  }

  void schedule(Schedule schedule) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  /** The graph: see {@link ConnectorGraph.Builder#build()}. */
  ConnectorGraph build() {
    // The graph takes the fingerprints without a copy (10,000 steps, 10,000 entries), and this
    // draft copies them before it changes them again.
    fingerprintsShared = true;
    return new ConnectorGraph(
        new ConnectorSpec(id, description, connector, schedule, List.copyOf(configKeys.values())),
        AddedStep.define(id, steps),
        Collections.unmodifiableMap(fingerprints));
  }
}
