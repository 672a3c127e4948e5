package dev.stepgraph.runtime.graph;

import dev.stepgraph.Schedule;
import dev.stepgraph.runtime.run.ConnectorCreationException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The step graph of one connector, with its waves: what the processor generates and the runtime
 * runs. Immutable.
 *
 * <p>Generated code builds it through {@link #builder(String, String, ConnectorInstance)}, around
 * the connector instance its steps call, which the runner creates before the first step; {@link
 * Builder#build()} checks that it is consistent (unique ids, known dependencies, every dependency
 * in an earlier wave, no empty wave), so a graph built by hand cannot make the scheduler misbehave.
 */
public final class ConnectorGraph {

  private final String id;
  private final String description;
  private final List<StepDefinition> steps;
  private final Map<String, StepDefinition> stepsById;
  private final List<List<StepDefinition>> waves;
  private final List<List<String>> waveStepIds;
  private final @Nullable ConnectorInstance<?> connector;
  private final Schedule schedule;
  private final Map<String, String> givenFingerprints;
  // Computed on first use: hashing every step costs start-up that plan and graph never need.
  private volatile @Nullable Map<String, String> fingerprints;
  private final List<ConfigKeyDefinition> configKeys;

  private ConnectorGraph(
      String id,
      String description,
      List<StepDefinition> steps,
      @Nullable ConnectorInstance<?> connector,
      Schedule schedule,
      Map<String, String> givenFingerprints,
      List<ConfigKeyDefinition> configKeys) {
    this.id = id;
    this.description = description;
    this.connector = connector;
    this.schedule = schedule;
    this.configKeys = List.copyOf(configKeys);
    this.steps = List.copyOf(steps);
    Map<String, StepDefinition> byId = new LinkedHashMap<>();
    for (StepDefinition step : this.steps) {
      if (byId.putIfAbsent(step.id(), step) != null) {
        throw new IllegalArgumentException(
            "connector '" + id + "': step id '" + step.id() + "' is declared twice");
      }
    }
    int waveCount = 0;
    for (StepDefinition step : this.steps) {
      waveCount = Math.max(waveCount, step.wave() + 1);
      for (String dependency : step.dependsOn()) {
        StepDefinition upstream = byId.get(dependency);
        if (upstream == null) {
          throw new IllegalArgumentException(
              "connector '" + id + "': step '" + step.id() + "' depends on unknown step '"
                  + dependency + "'");
        }
        if (upstream.wave() >= step.wave()) {
          throw new IllegalArgumentException(
              "connector '" + id + "': step '" + step.id() + "' (wave " + step.wave()
                  + ") depends on '" + dependency + "' (wave " + upstream.wave()
                  + "), which does not run in an earlier wave");
        }
      }
    }
    List<List<StepDefinition>> byWave = new ArrayList<>(waveCount);
    for (int i = 0; i < waveCount; i++) {
      byWave.add(new ArrayList<>());
    }
    for (StepDefinition step : this.steps) {
      byWave.get(step.wave()).add(step);
    }
    for (int i = 0; i < waveCount; i++) {
      if (byWave.get(i).isEmpty()) {
        throw new IllegalArgumentException("connector '" + id + "': wave " + i + " has no step");
      }
      byWave.set(i, List.copyOf(byWave.get(i)));
    }
    this.stepsById = Collections.unmodifiableMap(byId);
    this.waves = List.copyOf(byWave);
    List<List<String>> ids = new ArrayList<>(waveCount);
    for (List<StepDefinition> wave : this.waves) {
      ids.add(wave.stream().map(StepDefinition::id).toList());
    }
    this.waveStepIds = List.copyOf(ids);
    for (String stepId : givenFingerprints.keySet()) {
      if (!byId.containsKey(stepId)) {
        throw new IllegalArgumentException(
            "connector '" + id + "': fingerprint of unknown step '" + stepId + "'");
      }
    }
    this.givenFingerprints = Map.copyOf(givenFingerprints);
  }

  /** Starts a graph for the connector {@code id}. */
  public static Builder builder(String id, String description) {
    return new Builder(id, description, null);
  }

  /**
   * Starts a graph for the connector {@code id} whose steps call {@code connector}: a run creates
   * it (if it is {@link ConnectorInstance#lazy lazy}) before its first step.
   */
  public static Builder builder(String id, String description, ConnectorInstance<?> connector) {
    return new Builder(id, description, Objects.requireNonNull(connector, "connector"));
  }

  /**
   * A builder for a subgraph of this graph: the same id, description, connector instance, schedule
   * and configuration keys.
   */
  Builder subgraphBuilder() {
    return rebuild();
  }

  /**
   * A builder for another graph over the same connector: the same id, description, connector
   * instance, schedule and configuration keys, and no steps. For tools that run a graph's steps
   * differently, such as a test harness that runs one step against given prior data: add this
   * graph's {@link #steps()} as they are, or changed.
   */
  public Builder rebuild() {
    Builder builder = new Builder(id, description, connector).schedule(schedule);
    for (ConfigKeyDefinition key : configKeys) {
      builder.configKey(key);
    }
    return builder;
  }

  /**
   * Creates the connector instance, if the graph has one and it is not created yet: what a run
   * does before its first step.
   *
   * @throws ConnectorCreationException if its constructor throws (or threw before)
   */
  public void createConnector() {
    if (connector != null) {
      connector.get();
    }
  }

  /**
   * The class of the connector whose methods the steps call, if the graph has one (a graph built
   * by hand without a {@link ConnectorInstance} has none): a failed step's {@link
   * dev.stepgraph.runtime.run.StepResult#failureLocation() location} is the first frame of its
   * stack trace in this class's code.
   */
  public Optional<Class<?>> connectorType() {
    return connector == null ? Optional.empty() : Optional.of(connector.type());
  }

  /** When the steps start: wave by wave (the default), or each as soon as its dependencies end. */
  public Schedule schedule() {
    return schedule;
  }

  /** The connector id, lowercase kebab-case. */
  public String id() {
    return id;
  }

  /** What the connector collects; may be empty. */
  public String description() {
    return description;
  }

  /** Every step, in wave order and, within a wave, in declaration order. */
  public List<StepDefinition> steps() {
    return steps;
  }

  /** The waves: steps of a wave have no dependencies on each other and run concurrently. */
  public List<List<StepDefinition>> waves() {
    return waves;
  }

  /** The ids of the steps of wave {@code wave}, in its order (for events: built once per graph). */
  public List<String> waveStepIds(int wave) {
    return waveStepIds.get(wave);
  }

  /**
   * The graph of these steps and every step upstream of them, each with its policy; this graph
   * itself for an empty selection.
   *
   * @throws IllegalArgumentException for an unknown step id, e.g. {@code unknown step 'polices';
   *     did you mean 'policies'? (steps: users, roles, policies)}
   */
  public ConnectorGraph select(java.util.Collection<String> stepIds) {
    return StepSelection.select(this, new java.util.LinkedHashSet<>(stepIds));
  }

  /**
   * The fingerprint of a step: it changes when the step's declaration or code, or that of a step
   * upstream of it, changes, and only then. A run store reuses a recorded result only while its
   * fingerprint is unchanged.
   *
   * <p>Generated graphs carry the fingerprints the processor computed over each step's id,
   * dependencies, policies, contract and normalised source. For a step built by hand without one,
   * it is computed from the declaration alone (id, description, dependencies, policy, contract)
   * combined with the fingerprints of its dependencies: its code is not seen.
   *
   * @throws IllegalArgumentException for an unknown step id
   */
  public String fingerprint(String stepId) {
    String fingerprint = fingerprints().get(stepId);
    if (fingerprint == null) {
      throw new IllegalArgumentException(
          "connector '" + id + "': no step '" + stepId + "'");
    }
    return fingerprint;
  }

  /** The fingerprints of the steps, by step id (see {@link #fingerprint(String)}). */
  public Map<String, String> fingerprints() {
    Map<String, String> computed = fingerprints;
    if (computed == null) {
      computed = Fingerprints.complete(steps, stepsById, givenFingerprints);
      fingerprints = computed;
    }
    return computed;
  }

  /**
   * The configuration keys the connector declares, in declaration order; empty if it declares
   * none, and then a run reads any key, unchecked.
   */
  public List<ConfigKeyDefinition> configKeys() {
    return configKeys;
  }

  /** The step with this id, or {@code null}. */
  public @Nullable StepDefinition step(String stepId) {
    return stepsById.get(stepId);
  }

  @Override
  public String toString() {
    return "ConnectorGraph[" + id + ", " + steps.size() + " steps in " + waves.size() + " waves]";
  }

  /**
   * Collects the steps of a graph; {@link #build()} checks it. A graph built by hand (tests,
   * embedders) adds its steps without waves and the builder computes them; generated code passes
   * the waves the processor computed.
   */
  public static final class Builder {
    private final String id;
    private final String description;
    // In the order added; a step added without a wave has its wave computed by build().
    private final List<AddedStep> steps = new ArrayList<>();
    private final @Nullable ConnectorInstance<?> connector;
    private Schedule schedule = Schedule.WAVES;
    private final Map<String, String> fingerprints = new LinkedHashMap<>();
    private final Map<String, ConfigKeyDefinition> configKeys = new LinkedHashMap<>();

    private Builder(String id, String description, @Nullable ConnectorInstance<?> connector) {
      this.id = Objects.requireNonNull(id, "id");
      this.description = Objects.requireNonNull(description, "description");
      this.connector = connector;
    }

    /**
     * Adds a step that runs once every step it depends on has finished; its wave is computed
     * (one more than the highest wave of its dependencies, 0 without any).
     */
    public Builder step(
        String stepId, String stepDescription, List<String> dependsOn, StepBody body) {
      return step(stepId, stepDescription, dependsOn, StepPolicy.DEFAULT, body);
    }

    /** Adds a step with a policy (timeout, retries, skipping); its wave is computed. */
    public Builder step(
        String stepId,
        String stepDescription,
        List<String> dependsOn,
        StepPolicy policy,
        StepBody body) {
      return step(stepId, stepDescription, dependsOn, policy, DataContract.NONE, body);
    }

    /**
     * Adds a step with a policy and the data contract it declares; its wave is computed. A step
     * that emits, or reads, a type outside its declaration fails.
     */
    public Builder step(
        String stepId,
        String stepDescription,
        List<String> dependsOn,
        StepPolicy policy,
        DataContract contract,
        StepBody body) {
      steps.add(
          new AddedStep(
              null, Objects.requireNonNull(stepId, "stepId"),
              Objects.requireNonNull(stepDescription, "stepDescription"), List.copyOf(dependsOn),
              Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(contract, "contract"),
              Objects.requireNonNull(body, "body")));
      return this;
    }

    /** Adds a step in the given wave: for generated code, which passes the waves it computed. */
    public Builder step(
        String stepId, String stepDescription, List<String> dependsOn, int wave, StepBody body) {
      return step(new StepDefinition(stepId, stepDescription, dependsOn, wave, body));
    }

    /**
     * Adds a step in the given wave with a policy: for generated code, which passes the waves it
     * computed.
     */
    public Builder step(
        String stepId,
        String stepDescription,
        List<String> dependsOn,
        int wave,
        StepPolicy policy,
        StepBody body) {
      return step(new StepDefinition(stepId, stepDescription, dependsOn, wave, policy, body));
    }

    /**
     * Adds a step in the given wave with a policy and the data contract it declares: for
     * generated code, which passes the waves it computed.
     */
    public Builder step(
        String stepId,
        String stepDescription,
        List<String> dependsOn,
        int wave,
        StepPolicy policy,
        DataContract contract,
        StepBody body) {
      return step(
          new StepDefinition(stepId, stepDescription, dependsOn, wave, policy, contract, body));
    }

    /**
     * Sets the fingerprint of a step (see {@link ConnectorGraph#fingerprint(String)}): generated
     * code passes the one the processor computed. It must already include the fingerprints of the
     * step's dependencies.
     */
    public Builder fingerprint(String stepId, String fingerprint) {
      Objects.requireNonNull(stepId, "stepId");
      if (Objects.requireNonNull(fingerprint, "fingerprint").isBlank()) {
        throw new IllegalArgumentException("step '" + stepId + "': fingerprint is blank");
      }
      fingerprints.put(stepId, fingerprint);
      return this;
    }

    /**
     * Declares a configuration key of the connector (see {@link ConfigKeyDefinition}): generated
     * code adds every {@code @ConfigKey} of the connector class, in declaration order.
     *
     * @throws IllegalArgumentException if a key of this name is already declared
     */
    public Builder configKey(ConfigKeyDefinition key) {
      Objects.requireNonNull(key, "key");
      if (configKeys.putIfAbsent(key.name(), key) != null) {
        throw new IllegalArgumentException(
            "connector '" + id + "': config key '" + key.name() + "' is declared twice");
      }
      return this;
    }

    /** When the steps start; {@link Schedule#WAVES} by default. */
    public Builder schedule(Schedule schedule) {
      this.schedule = Objects.requireNonNull(schedule, "schedule");
      return this;
    }

    /** Adds a step whose wave is given. */
    public Builder step(StepDefinition step) {
      Objects.requireNonNull(step, "step");
      steps.add(
          new AddedStep(
              step, step.id(), step.description(), step.dependsOn(), step.policy(),
              step.contract(), null));
      return this;
    }

    /**
     * The graph.
     *
     * @throws IllegalArgumentException if ids repeat, a dependency is unknown, steps depend on each
     *     other in a cycle, a dependency is not in an earlier wave, or a wave is empty
     */
    public ConnectorGraph build() {
      return new ConnectorGraph(
          id, description, AddedStep.define(id, steps), connector, schedule, fingerprints,
          List.copyOf(configKeys.values()));
    }
  }
}
