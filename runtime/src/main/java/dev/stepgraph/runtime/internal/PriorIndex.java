package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the run has committed so far, grown wave by wave on the run's own thread. A wave's
 * {@link PriorSnapshot} costs only the entity types that changed since the last one, never a pass
 * over every committed step or entity, so a run of many waves stays linear.
 */
final class PriorIndex {
  private final EntityKeys keys;
  /**
   * The wave of each committed step that emitted entities (only such a step owns keys that {@link
   * PriorSnapshot#entityByKey} asks about); read by snapshots on step threads.
   */
  private final Map<String, Integer> committedWave = new ConcurrentHashMap<>();
  private final Map<String, List<List<Entity>>> entityParts = new HashMap<>();
  private final Map<String, List<List<Relationship>>> relationshipParts = new HashMap<>();
  private final Set<String> changedEntityTypes = new HashSet<>();
  private final Set<String> changedRelationshipTypes = new HashSet<>();
  private Map<String, List<Entity>> entityViews = Map.of();
  private Map<String, List<Relationship>> relationshipViews = Map.of();
  private Set<String> entityTypes = Set.of();
  private int entityCount;

  PriorIndex(EntityKeys keys) {
    this.keys = keys;
  }

  /** Adds the output of a step of wave {@code wave} that succeeded. */
  void commit(StepEmissions output, int wave) {
    if (!output.entities.isEmpty()) {
      // Most steps of a big graph emit nothing: no map entry (and no resizing) for them.
      committedWave.put(output.stepId, wave);
    }
    entityCount += output.entities.size();
    for (Map.Entry<String, List<Entity>> entry : output.entitiesByType.entrySet()) {
      entityParts.computeIfAbsent(entry.getKey(), t -> new ArrayList<>()).add(entry.getValue());
      changedEntityTypes.add(entry.getKey());
    }
    for (Map.Entry<String, List<Relationship>> entry : output.relationshipsByType.entrySet()) {
      relationshipParts
          .computeIfAbsent(entry.getKey(), t -> new ArrayList<>())
          .add(entry.getValue());
      changedRelationshipTypes.add(entry.getKey());
    }
  }

  /** The prior data of wave {@code wave}: what the steps of earlier waves committed. */
  PriorSnapshot snapshot(int wave) {
    if (!changedEntityTypes.isEmpty()) {
      Map<String, List<Entity>> views = new HashMap<>(entityViews);
      for (String type : changedEntityTypes) {
        views.put(type, ConcatList.of(List.copyOf(entityParts.get(type))));
      }
      entityViews = Collections.unmodifiableMap(views);
      entityTypes = Collections.unmodifiableSet(new TreeSet<>(views.keySet()));
      changedEntityTypes.clear();
    }
    if (!changedRelationshipTypes.isEmpty()) {
      Map<String, List<Relationship>> views = new HashMap<>(relationshipViews);
      for (String type : changedRelationshipTypes) {
        views.put(type, ConcatList.of(List.copyOf(relationshipParts.get(type))));
      }
      relationshipViews = Collections.unmodifiableMap(views);
      changedRelationshipTypes.clear();
    }
    return new PriorSnapshot(
        wave, committedWave, keys, entityViews, relationshipViews, entityTypes, entityCount);
  }
}
