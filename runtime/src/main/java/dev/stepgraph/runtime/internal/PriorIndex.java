package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;

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
 * over every committed step or entity, so a run of many waves stays linear. The entities of a type
 * are one flat array ({@link AppendOnlyList}), so reading them is as fast as reading a list.
 */
final class PriorIndex {
  private final EntityKeys keys;
  /**
   * The wave of each committed step that emitted entities (only such a step owns keys that {@link
   * PriorSnapshot#entityByKey} asks about); read by snapshots on step threads.
   */
  private final Map<String, Integer> committedWave = new ConcurrentHashMap<>();
  private final Map<String, AppendOnlyList<Entity>> entitiesByType = new HashMap<>();
  private final Map<String, AppendOnlyList<Relationship>> relationshipsByType = new HashMap<>();
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
      entitiesByType.computeIfAbsent(entry.getKey(), t -> new AppendOnlyList<>()).addAll(entry.getValue());
      changedEntityTypes.add(entry.getKey());
    }
    for (Map.Entry<String, List<Relationship>> entry : output.relationshipsByType.entrySet()) {
      relationshipsByType
          .computeIfAbsent(entry.getKey(), t -> new AppendOnlyList<>())
          .addAll(entry.getValue());
      changedRelationshipTypes.add(entry.getKey());
    }
  }

  /** The prior data of wave {@code wave}: what the steps of earlier waves committed. */
  PriorSnapshot snapshot(int wave) {
    if (!changedEntityTypes.isEmpty()) {
      Map<String, List<Entity>> views = new HashMap<>(entityViews);
      for (String type : changedEntityTypes) {
        views.put(type, entitiesByType.get(type).view());
      }
      entityViews = Collections.unmodifiableMap(views);
      entityTypes = Collections.unmodifiableSet(new TreeSet<>(views.keySet()));
      changedEntityTypes.clear();
    }
    if (!changedRelationshipTypes.isEmpty()) {
      Map<String, List<Relationship>> views = new HashMap<>(relationshipViews);
      for (String type : changedRelationshipTypes) {
        views.put(type, relationshipsByType.get(type).view());
      }
      relationshipViews = Collections.unmodifiableMap(views);
      changedRelationshipTypes.clear();
    }
    return new PriorSnapshot(
        wave, committedWave, keys, entityViews, relationshipViews, entityTypes, entityCount);
  }
}
