package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What one attempt of a step emitted, buffered until the attempt ends, and the checks each
 * emission passes: its type is among those the step declares, and an entity's key is not taken
 * already. An emission that fails a check fails the attempt, without retrying, even if the step's
 * code catches what was thrown.
 *
 * <p>Not thread-safe: its {@link AttemptContext} calls it holding its lock.
 */
final class AttemptEmissions {
  private static final List<Entity> EMPTY_ENTITIES = List.of();
  private static final List<Relationship> EMPTY_RELATIONSHIPS = List.of();

  private final StepRun execution;
  private final EntityKeys keys;
  private List<Entity> entities = new ArrayList<>(); // emptied by discard
  private List<Relationship> relationships = new ArrayList<>();
  private @Nullable RuntimeException failure;
  private boolean discarded;

  /** The emissions of an attempt of {@code execution}, whose entity keys {@code keys} holds. */
  AttemptEmissions(StepRun execution, EntityKeys keys) {
    this.execution = execution;
    this.keys = keys;
  }

  /**
   * Adds an entity, claiming its key.
   *
   * @throws AttemptContext.UndeclaredEmit if the step does not declare its type
   * @throws IllegalStateException if another entity of the run, or of this step, has its key
   */
  void add(Entity entity) {
    checkDeclared(entity.type(), "entity");
    EntityKeys.Owner previous = keys.claim(stepId(), entity);
    if (previous != null) {
      String by =
          previous.stepId().equals(stepId())
              ? "step '" + stepId() + "' (this step)"
              : "step '" + previous.stepId() + "'";
      throw fail(
          new IllegalStateException(
              "step '" + stepId() + "': duplicate entity key '" + entity.key()
                  + "': already emitted by " + by));
    }
    entities.add(entity);
  }

  /**
   * Adds a relationship.
   *
   * @throws AttemptContext.UndeclaredEmit if the step does not declare its type
   */
  void add(Relationship relationship) {
    checkDeclared(relationship.type(), "relationship");
    relationships.add(relationship);
  }

  /**
   * The first emission that failed its check, or {@code null}: it fails the attempt whatever the
   * step method did after, and no retry can succeed.
   */
  @Nullable RuntimeException failure() {
    return failure;
  }

  /** What the attempt emitted, frozen: once the attempt ended. */
  StepEmissions output() {
    return new StepEmissions(stepId(), entities, relationships);
  }

  /**
   * Frees the entity keys claimed and what was collected, once: the emissions never count.
   * Allocates nothing until the memory is free.
   */
  void discard() {
    if (!discarded) {
      discarded = true;
      keys.release(stepId(), entities);
      entities = EMPTY_ENTITIES;
      relationships = EMPTY_RELATIONSHIPS;
    }
  }

  /** Fails the attempt if the step declares what it emits and {@code type} is not among it. */
  private void checkDeclared(String type, String what) {
    Set<String> emits = execution.contract().emits();
    if (emits.isEmpty() || emits.contains(type)) {
      return;
    }
    throw fail(
        new AttemptContext.UndeclaredEmit(
            "step '" + stepId() + "' emitted " + what + " type '" + type
                + "', which it does not declare: @Step(emits = {"
                + ContractPriorData.quoted(emits) + "}); add '" + type
                + "' to emits, or emit one of those"));
  }

  /** Records {@code failure} as the attempt's unless an emission failed before; returns it. */
  private RuntimeException fail(RuntimeException failure) {
    if (this.failure == null) {
      this.failure = failure;
    }
    return failure;
  }

  private String stepId() {
    return execution.stepId();
  }
}
