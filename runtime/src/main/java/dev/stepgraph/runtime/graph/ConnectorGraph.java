package dev.stepgraph.runtime.graph;

import dev.stepgraph.Schedule;
import dev.stepgraph.runtime.run.ConnectorCreationException;

import java.util.Collection;
import java.util.LinkedHashSet;
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

  private final ConnectorSpec spec;
  private final GraphShape shape; // the steps, by id and by wave
  private final Fingerprints fingerprints;

  /** A graph of {@code steps}; it keeps {@code givenFingerprints}, which must not change. */
  ConnectorGraph(
      ConnectorSpec spec, List<StepDefinition> steps, Map<String, String> givenFingerprints) {
    this.spec = spec;
    this.shape = GraphShape.of(spec.id(), steps, givenFingerprints.keySet());
    this.fingerprints = new Fingerprints(spec.id(), shape.steps(), givenFingerprints);
  }

  /** Starts a graph for the connector {@code id}. */
  public static Builder builder(String id, String description) {
    return new Builder(new GraphDraft(id, description, null));
  }

  /**
   * Starts a graph for the connector {@code id} whose steps call {@code connector}: a run creates
   * it (if it is {@link ConnectorInstance#lazy lazy}) before its first step.
   */
  public static Builder builder(String id, String description, ConnectorInstance<?> connector) {
    return new Builder(
        new GraphDraft(id, description, Objects.requireNonNull(connector, "connector")));
  }

  /**
   * A builder for another graph over the same connector: the same id, description, connector
   * instance, schedule and configuration keys, and no steps. For tools that run a graph's steps
   * differently, such as a test harness that runs one step against given prior data: add this
   * graph's {@link #steps()} as they are, or changed.
   */
  public Builder rebuild() {
    return new Builder(new GraphDraft(spec));
  }

  /**
   * Creates the connector instance, if the graph has one and it is not created yet: what a run
   * does before its first step.
   *
   * @throws ConnectorCreationException if its constructor throws (or threw before)
   */
  public void createConnector() {
    ConnectorInstance<?> connector = spec.connector();
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
    ConnectorInstance<?> connector = spec.connector();
    return connector == null ? Optional.empty() : Optional.of(connector.type());
  }

  /** When the steps start: wave by wave (the default), or each as soon as its dependencies end. */
  public Schedule schedule() {
    return spec.schedule();
  }

  /** The connector id, lowercase kebab-case. */
  public String id() {
    return spec.id();
  }

  /** What the connector collects; may be empty. */
  public String description() {
    return spec.description();
  }

  /** Every step, in wave order and, within a wave, in declaration order. */
  public List<StepDefinition> steps() {
    return shape.steps();
  }

  /** The waves: steps of a wave have no dependencies on each other and run concurrently. */
  public List<List<StepDefinition>> waves() {
    return shape.waves();
  }

  /** The ids of the steps of wave {@code wave}, in its order (for events: built once per graph). */
  public List<String> waveStepIds(int wave) {
    return shape.waveStepIds().get(wave);
  }

  /**
   * The graph of these steps and every step upstream of them, each with its policy; this graph
   * itself for an empty selection.
   *
   * @throws IllegalArgumentException for an unknown step id, e.g. {@code unknown step 'polices';
   *     did you mean 'policies'? (steps: users, roles, policies)}
   */
  public ConnectorGraph select(Collection<String> stepIds) {
    return StepSelection.select(this, new LinkedHashSet<>(stepIds));
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
    return fingerprints.of(stepId);
  }

  /** The fingerprint given for a step (by generated code), or null: nothing is computed. */
  @Nullable String givenFingerprint(String stepId) {
    return fingerprints.given(stepId);
  }

  /** The fingerprints of the steps, by step id (see {@link #fingerprint(String)}). */
  public Map<String, String> fingerprints() {
    return fingerprints.all();
  }

  /**
   * The configuration keys the connector declares, in declaration order; empty if it declares
   * none, and then a run reads any key, unchecked.
   */
  public List<ConfigKeyDefinition> configKeys() {
    return spec.configKeys();
  }

  /** The step with this id, or {@code null}. */
  public @Nullable StepDefinition step(String stepId) {
    return shape.stepsById().get(stepId);
  }

  @Override
  public String toString() {
    return "ConnectorGraph[" + id() + ", " + shape.steps().size() + " steps in "
        + shape.waves().size() + " waves]";
  }

  /**
   * Collects the steps of a graph; {@link #build()} checks it. A graph built by hand (tests,
   * embedders) adds its steps without waves and the builder computes them; generated code passes
   * the waves the processor computed.
   */
  public static final class Builder {
    private final GraphDraft draft;

    private Builder(GraphDraft draft) {
      this.draft = draft;
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
      draft.add(AddedStep.unwaved(stepId, stepDescription, dependsOn, policy, contract, body));
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
      draft.fingerprint(stepId, fingerprint);
      return this;
    }

    /**
     * Declares a configuration key of the connector (see {@link ConfigKeyDefinition}): generated
     * code adds every {@code @ConfigKey} of the connector class, in declaration order.
     *
     * @throws IllegalArgumentException if a key of this name is already declared
     */
    public Builder configKey(ConfigKeyDefinition key) {
      draft.configKey(key);
      return this;
    }

    /** When the steps start; {@link Schedule#WAVES} by default. */
    public Builder schedule(Schedule schedule) {
      draft.schedule(schedule);
      return this;
    }

    /** Adds a step whose wave is given. */
    public Builder step(StepDefinition step) {
      draft.add(AddedStep.of(step));
      return this;
    }

    /**
     * The graph.
     *
     * @throws IllegalArgumentException if ids repeat, a dependency is unknown, steps depend on each
     *     other in a cycle, a dependency is not in an earlier wave, or a wave is empty
     */
    public ConnectorGraph build() {
      return draft.build();
    }
  }
}
