package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.PriorData;
import dev.stepgraph.runtime.Relationship;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The prior data of one wave: views over the chunks committed before the wave started, as kept by
 * {@link PriorIndex}. Immutable, so steps still running after their wave (timed out) can keep it.
 */
final class PriorSnapshot implements PriorData {
  private final int wave;
  private final Map<String, Integer> committedWave;
  private final EntityKeys keys;
  private final Map<String, List<Entity>> entitiesByType;
  private final Map<String, List<Relationship>> relationshipsByType;
  private final Set<String> entityTypes;
  private final int entityCount;

  /** Built by {@link PriorIndex#snapshot(int)}; every map and list handed in is immutable. */
  PriorSnapshot(
      int wave,
      Map<String, Integer> committedWave,
      EntityKeys keys,
      Map<String, List<Entity>> entitiesByType,
      Map<String, List<Relationship>> relationshipsByType,
      Set<String> entityTypes,
      int entityCount) {
    this.wave = wave;
    this.committedWave = committedWave;
    this.keys = keys;
    this.entitiesByType = entitiesByType;
    this.relationshipsByType = relationshipsByType;
    this.entityTypes = entityTypes;
    this.entityCount = entityCount;
  }

  @Override
  public List<Entity> entitiesByType(String type) {
    return entitiesByType.getOrDefault(type, List.of());
  }

  @Override
  public Optional<Entity> entityByKey(String key) {
    EntityKeys.Owner owner = keys.owner(key);
    if (owner == null) {
      return Optional.empty();
    }
    Integer ownerWave = committedWave.get(owner.stepId());
    if (ownerWave == null || ownerWave >= wave) {
      return Optional.empty(); // emitted by a step that failed, or in this wave or later
    }
    return Optional.of(owner.entity());
  }

  @Override
  public List<Relationship> relationshipsByType(String type) {
    return relationshipsByType.getOrDefault(type, List.of());
  }

  @Override
  public Set<String> entityTypes() {
    return entityTypes;
  }

  @Override
  public int entityCount() {
    return entityCount;
  }

  @Override
  public String toString() {
    return "PriorData[" + entityCount + " entities of types " + entityTypes + "]";
  }
}
