package dev.stepgraph.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The prior data of one wave: views over the chunks committed before the wave started. Building it
 * costs one pass over chunks and types, never over entities.
 */
final class PriorSnapshot implements PriorData {
  private final Set<String> committedSteps;
  private final EntityKeys keys;
  private final Map<String, List<Entity>> entitiesByType;
  private final Map<String, List<Relationship>> relationshipsByType;
  private final Set<String> entityTypes;
  private final int entityCount;

  PriorSnapshot(List<StepOutput> committed, EntityKeys keys) {
    this.keys = keys;
    Set<String> steps = new java.util.HashSet<>();
    Map<String, List<List<Entity>>> entityParts = new HashMap<>();
    Map<String, List<List<Relationship>>> relationshipParts = new HashMap<>();
    int count = 0;
    for (StepOutput output : committed) {
      steps.add(output.stepId);
      count += output.entities.size();
      for (Map.Entry<String, List<Entity>> entry : output.entitiesByType.entrySet()) {
        entityParts.computeIfAbsent(entry.getKey(), t -> new ArrayList<>()).add(entry.getValue());
      }
      for (Map.Entry<String, List<Relationship>> entry : output.relationshipsByType.entrySet()) {
        relationshipParts
            .computeIfAbsent(entry.getKey(), t -> new ArrayList<>())
            .add(entry.getValue());
      }
    }
    Map<String, List<Entity>> byType = new HashMap<>();
    entityParts.forEach((type, parts) -> byType.put(type, ConcatList.of(parts)));
    Map<String, List<Relationship>> relationshipsByType = new HashMap<>();
    relationshipParts.forEach(
        (type, parts) -> relationshipsByType.put(type, ConcatList.of(parts)));
    this.committedSteps = steps;
    this.entitiesByType = byType;
    this.relationshipsByType = relationshipsByType;
    this.entityTypes = Collections.unmodifiableSet(new TreeSet<>(byType.keySet()));
    this.entityCount = count;
  }

  @Override
  public List<Entity> entitiesByType(String type) {
    return entitiesByType.getOrDefault(type, List.of());
  }

  @Override
  public Optional<Entity> entityByKey(String key) {
    EntityKeys.Owner owner = keys.owner(key);
    if (owner == null || !committedSteps.contains(owner.stepId())) {
      return Optional.empty();
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
