package dev.stepgraph.bench;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.PriorData;
import dev.stepgraph.runtime.Relationship;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The hand-written baseline of prior data: one HashMap by key (which also checks that keys are
 * unique) and one of lists by type, built from the entities of the steps in order.
 */
public final class HashMapPriorData implements PriorData {
  private final Map<String, Entity> byKey;
  private final Map<String, List<Entity>> byType = new HashMap<>();

  public HashMapPriorData(List<? extends List<Entity>> perStep) {
    int total = 0;
    for (List<Entity> step : perStep) {
      total += step.size();
    }
    byKey = new HashMap<>(Math.max(16, (int) (total / 0.75f) + 1));
    for (List<Entity> step : perStep) {
      for (Entity e : step) {
        if (byKey.putIfAbsent(e.key(), e) != null) {
          throw new IllegalStateException("duplicate key " + e.key());
        }
        byType.computeIfAbsent(e.type(), t -> new ArrayList<>()).add(e);
      }
    }
    byType.replaceAll((t, l) -> Collections.unmodifiableList(l));
  }

  @Override public List<Entity> entitiesByType(String type) { return byType.getOrDefault(type, List.of()); }
  @Override public Optional<Entity> entityByKey(String key) { return Optional.ofNullable(byKey.get(key)); }
  @Override public List<Relationship> relationshipsByType(String type) { return List.of(); }
  @Override public Set<String> entityTypes() { return Collections.unmodifiableSet(new TreeSet<>(byType.keySet())); }
  @Override public int entityCount() { return byKey.size(); }
}
