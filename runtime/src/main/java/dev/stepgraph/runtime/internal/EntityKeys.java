package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.PriorData;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The entity keys of a run and which step emitted each: checked at emit time, so a duplicate
 * fails the emitting step whether the first emitter is an earlier or a concurrent step. Also the
 * key index of {@link PriorData#entityByKey(String)}.
 */
final class EntityKeys {
  /** An emitted entity and the step that emitted it. */
  record Owner(String stepId, Entity entity) {}

  private final ConcurrentHashMap<String, Owner> owners = new ConcurrentHashMap<>();

  /** Claims the key for the step, or returns the step that already holds it. */
  @Nullable Owner claim(String stepId, Entity entity) {
    return owners.putIfAbsent(entity.key(), new Owner(stepId, entity));
  }

  /**
   * Releases the keys a failed step claimed. Allocates nothing (an indexed loop over an {@code
   * ArrayList}): it runs first when a step ran the heap out, to free what the step held.
   */
  void release(String stepId, List<Entity> entities) {
    for (int i = 0, size = entities.size(); i < size; i++) {
      Entity entity = entities.get(i);
      Owner owner = owners.get(entity.key());
      if (owner != null && owner.stepId().equals(stepId) && owner.entity() == entity) {
        owners.remove(entity.key(), owner);
      }
    }
  }

  @Nullable Owner owner(String key) {
    return owners.get(key);
  }
}
