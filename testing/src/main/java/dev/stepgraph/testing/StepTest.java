package dev.stepgraph.testing;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.DataContract;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.graph.StepPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A test of one step, from {@link ConnectorTester#step(String)}. By default the step runs alone:
 * its prior data is exactly what the test gives it ({@link #withPrior(Entity...)}); with {@link
 * #withUpstream()} its upstream steps run first, for real, as {@code --step} would run them; with
 * {@link #withPriorFromRun(Path, String)} it gets what a recorded run holds for them, as {@code
 * --step --resume} would reuse them.
 *
 * <p>Immutable: each {@code with...} returns a new test.
 */
public final class StepTest {
  /** The id of the step that hands the given prior data to the step under test. */
  static final String PRIOR_STEP = "given-prior-data";

  private final ConnectorTester tester;
  private final StepDefinition step;
  private final List<Entity> entities;
  private final List<Relationship> relationships;
  private final boolean upstream;
  private final @Nullable RecordedPrior recorded;
  private final @Nullable Duration timeout;

  StepTest(ConnectorTester tester, StepDefinition step) {
    this(tester, step, List.of(), List.of(), false, null, null);
  }

  private StepTest(
      ConnectorTester tester,
      StepDefinition step,
      List<Entity> entities,
      List<Relationship> relationships,
      boolean upstream,
      @Nullable RecordedPrior recorded,
      @Nullable Duration timeout) {
    this.tester = tester;
    this.step = step;
    this.entities = entities;
    this.relationships = relationships;
    this.upstream = upstream;
    this.recorded = recorded;
    this.timeout = timeout;
  }

  /**
   * Adds entities to the step's prior data.
   *
   * @throws IllegalArgumentException if the step declares {@code reads} and an entity's type is
   *     not among them (the step could never see it), or a key is given twice
   */
  public StepTest withPrior(Entity... more) {
    List<Entity> all = new ArrayList<>(entities);
    Set<String> keys = new HashSet<>();
    for (Entity entity : entities) {
      keys.add(entity.key());
    }
    for (Entity entity : more) {
      Objects.requireNonNull(entity, "entity");
      checkRead(entity.type(), "an entity of type '" + entity.type() + "' (key '" + entity.key() + "')");
      if (!keys.add(entity.key())) {
        throw new IllegalArgumentException(
            "step '" + step.id() + "': prior entity key '" + entity.key()
                + "' is given twice; a key is unique within a run");
      }
      checkNotRecorded(recorded, entity.key());
      all.add(entity);
    }
    return new StepTest(tester, step, List.copyOf(all), relationships, upstream, recorded, timeout);
  }

  /**
   * Adds relationships to the step's prior data.
   *
   * @throws IllegalArgumentException if the step declares {@code reads} and a relationship's type
   *     is not among them
   */
  public StepTest withPrior(Relationship... more) {
    List<Relationship> all = new ArrayList<>(relationships);
    for (Relationship relationship : more) {
      Objects.requireNonNull(relationship, "relationship");
      checkRead(relationship.type(), "a relationship of type '" + relationship.type() + "' ("
          + relationship.fromKey() + " -> " + relationship.toKey() + ")");
      all.add(relationship);
    }
    return new StepTest(tester, step, entities, List.copyOf(all), upstream, recorded, timeout);
  }

  /**
   * Runs every step upstream of this one first, for real and in graph order, and gives this step
   * their output, as a real run would (JupiterOne's {@code executeStepWithDependencies}). Prior
   * data given with {@code withPrior} is added to theirs.
   *
   * @throws IllegalStateException if the test takes its upstream data from a recorded run ({@link
   *     #withPriorFromRun})
   */
  public StepTest withUpstream() {
    if (recorded != null) {
      throw new IllegalStateException(bothUpstreams());
    }
    return new StepTest(tester, step, entities, relationships, true, null, timeout);
  }

  /**
   * Gives the step the prior data that a recorded run holds for its upstream steps: every step
   * upstream of it, directly or transitively, as {@code run --step ID --resume RUN_ID} would reuse
   * them. Record the run once (a run of the connector's {@code ConnectorMain} with {@code --state
   * DIR}, or {@code ConnectorRunner} with {@code RunStore.directory(DIR)}), then test the step
   * against it as often as needed, without calling an upstream API. The store is read without its
   * lock, and nothing is written to it.
   *
   * <p>Each upstream step ends in the test as it was recorded: it emits what it emitted then, or
   * is skipped with its reason, so a step's dependency policy and {@code ctx.failedDependencies()}
   * see what they would see on resume. A step that declares {@code reads} sees only those types
   * of it, as in a real run (a real run records everything; the step sees what it reads). The
   * recorded data is used as it is, whatever has changed in the code since: fingerprints are not
   * compared. Prior data given with {@code withPrior} is added to it.
   *
   * @param stateDirectory the run store's directory ({@code --state}; {@code .stepgraph} by default)
   * @param runId the run, as {@code ConnectorMain runs} lists it
   * @throws dev.stepgraph.runtime.store.RunStoreException if the store holds no such run of the
   *     connector (naming those it holds), or its manifest or an upstream step's file cannot be
   *     read or fails its checksum
   * @throws IllegalArgumentException if the run did not record an upstream step as succeeded or
   *     skipped (it did not run, failed, timed out or was cancelled), or recorded an entity key
   *     that {@code withPrior} gave too
   * @throws IllegalStateException if the test already takes its upstream data from a run or from
   *     {@link #withUpstream()}
   */
  public StepTest withPriorFromRun(Path stateDirectory, String runId) {
    Objects.requireNonNull(stateDirectory, "stateDirectory");
    Objects.requireNonNull(runId, "runId");
    if (upstream) {
      throw new IllegalStateException(bothUpstreams());
    }
    if (recorded != null) {
      throw new IllegalStateException(
          "step '" + step.id() + "' already takes its prior data from run " + recorded.runId()
              + ": a test reads one recorded run");
    }
    RecordedPrior read = RecordedPrior.read(tester.graph(), step, stateDirectory, runId);
    for (Entity entity : entities) {
      checkNotRecorded(read, entity.key());
    }
    return new StepTest(tester, step, entities, relationships, false, read, timeout);
  }

  private String bothUpstreams() {
    return "step '" + step.id() + "': withUpstream runs the upstream steps, withPriorFromRun takes"
        + " what a run recorded for them: use one of them";
  }

  private void checkNotRecorded(@Nullable RecordedPrior run, String key) {
    String owner = run == null ? null : run.recordedBy(key);
    if (owner != null) {
      throw new IllegalArgumentException(
          "step '" + step.id() + "': prior entity key '" + key + "' is given with withPrior and"
              + " recorded by step '" + owner + "' in run " + run.runId()
              + "; a key is unique within a run");
    }
  }

  /** Overrides the step's timeout for this test (each attempt's, as the policy's would). */
  public StepTest withTimeout(Duration stepTimeout) {
    Objects.requireNonNull(stepTimeout, "stepTimeout");
    if (stepTimeout.isNegative() || stepTimeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + stepTimeout);
    }
    return new StepTest(tester, step, entities, relationships, upstream, recorded, stepTimeout);
  }

  /** Runs the step (and, {@link #withUpstream() if asked}, its upstream steps). */
  public StepTestResult run() {
    return TesterRun.run(graph(), tester.config()).result(step.id());
  }

  /** The graph this test runs: the step, its upstream steps if asked, the given prior data. */
  ConnectorGraph graph() {
    ConnectorGraph full = tester.graphForRun();
    ConnectorGraph.Builder graph = full.rebuild();
    List<String> dependsOn = new ArrayList<>();
    if (upstream) {
      for (StepDefinition other : full.select(List.of(step.id())).steps()) {
        if (!other.id().equals(step.id())) {
          graph.step(other.id(), other.description(), other.dependsOn(), other.policy(),
              other.contract(), other.body());
        }
      }
      dependsOn.addAll(step.dependsOn());
    } else if (recorded != null) {
      recorded.addTo(full, step.id(), graph);
      dependsOn.addAll(step.dependsOn());
    }
    if (!entities.isEmpty() || !relationships.isEmpty()) {
      String prior = PRIOR_STEP;
      while (full.step(prior) != null) {
        prior = "_" + prior;
      }
      graph.step(prior, "the prior data the test gives step '" + step.id() + "'", List.of(),
          StepPolicy.DEFAULT, DataContract.NONE, ctx -> {
            entities.forEach(ctx::emit);
            relationships.forEach(ctx::emit);
          });
      dependsOn.add(prior);
    }
    StepDefinition tested = java.util.Objects.requireNonNull(full.step(step.id()),
        "the connector's graph factory returned a graph without step '" + step.id() + "'");
    StepPolicy policy = timeout == null ? tested.policy() : tested.policy().withTimeout(timeout);
    graph.step(tested.id(), tested.description(), dependsOn, policy, tested.contract(), tested.body());
    return graph.build();
  }

  private void checkRead(String type, String what) {
    Set<String> reads = step.contract().reads();
    if (!reads.isEmpty() && !reads.contains(type)) {
      throw new IllegalArgumentException(
          "step '" + step.id() + "' reads only " + String.join(", ", reads) + ": " + what
              + " is prior data it could never see; give it only types it reads, or add '" + type
              + "' to its @Step(reads = ...)");
    }
  }

  @Override
  public String toString() {
    return "StepTest[" + step.id() + ", " + entities.size() + " prior entities, "
        + relationships.size() + " prior relationships" + (upstream ? ", with upstream" : "")
        + (recorded == null ? "" : ", upstream from run " + recorded.runId())
        + (timeout == null ? "" : ", timeout " + timeout) + "]";
  }
}
