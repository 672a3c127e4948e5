package dev.stepgraph.testing;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.DataContract;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.graph.StepPolicy;
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
 * #withUpstream()} its upstream steps run first, for real, as {@code --step} would run them.
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
  private final @Nullable Duration timeout;

  StepTest(ConnectorTester tester, StepDefinition step) {
    this(tester, step, List.of(), List.of(), false, null);
  }

  private StepTest(
      ConnectorTester tester,
      StepDefinition step,
      List<Entity> entities,
      List<Relationship> relationships,
      boolean upstream,
      @Nullable Duration timeout) {
    this.tester = tester;
    this.step = step;
    this.entities = entities;
    this.relationships = relationships;
    this.upstream = upstream;
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
      all.add(entity);
    }
    return new StepTest(tester, step, List.copyOf(all), relationships, upstream, timeout);
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
    return new StepTest(tester, step, entities, List.copyOf(all), upstream, timeout);
  }

  /**
   * Runs every step upstream of this one first, for real and in graph order, and gives this step
   * their output, as a real run would (JupiterOne's {@code executeStepWithDependencies}). Prior
   * data given with {@code withPrior} is added to theirs.
   */
  public StepTest withUpstream() {
    return new StepTest(tester, step, entities, relationships, true, timeout);
  }

  /** Overrides the step's timeout for this test (each attempt's, as the policy's would). */
  public StepTest withTimeout(Duration stepTimeout) {
    Objects.requireNonNull(stepTimeout, "stepTimeout");
    if (stepTimeout.isNegative() || stepTimeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + stepTimeout);
    }
    return new StepTest(tester, step, entities, relationships, upstream, stepTimeout);
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
        + (timeout == null ? "" : ", timeout " + timeout) + "]";
  }
}
