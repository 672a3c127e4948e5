package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one successful step emitted, frozen and grouped by type: an immutable chunk of the run's
 * committed data. Built once on the step's own thread, so committing a wave costs nothing per
 * entity.
 */
final class StepEmissions {
  final String stepId;
  final List<Entity> entities;
  final List<Relationship> relationships;
  final Map<String, List<Entity>> entitiesByType;
  final Map<String, List<Relationship>> relationshipsByType;
  private final Map<String, Integer> entityCounts;

  StepEmissions(String stepId, List<Entity> entities, List<Relationship> relationships) {
    this.stepId = stepId;
    this.entities = frozen(entities);
    this.relationships = frozen(relationships);
    this.entitiesByType = group(entities);
    this.relationshipsByType = group(relationships);
    this.entityCounts = counts(entitiesByType);
  }

  /** Read-only; the shared empty list for a step that emitted none (most steps of big graphs). */
  private static <T> List<T> frozen(List<T> items) {
    return items.isEmpty() ? Collections.emptyList() : Collections.unmodifiableList(items);
  }

  private static Map<String, Integer> counts(Map<String, List<Entity>> byType) {
    if (byType.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Map.Entry<String, List<Entity>> entry : byType.entrySet()) {
      counts.put(entry.getKey(), entry.getValue().size());
    }
    return Collections.unmodifiableMap(counts);
  }

  /**
   * Entity counts by type, in order of first emission; computed once, as both the step's event and
   * its result need them.
   */
  Map<String, Integer> entityCounts() {
    return entityCounts;
  }

  /**
   * The items by type, in order of first emission. No lambda or method reference: the steps of a
   * wave end at once on their own threads, and each thread that reaches an invokedynamic before it
   * is linked spins a class of its own: a wide first wave spun a dozen for the two that were here.
   */
  private static <T> Map<String, List<T>> group(List<T> items) {
    if (items.isEmpty()) {
      return Map.of();
    }
    String firstType = typeOf(items.get(0));
    boolean oneType = true;
    for (T item : items) {
      if (!typeOf(item).equals(firstType)) {
        oneType = false;
        break;
      }
    }
    if (oneType) {
      return Map.of(firstType, Collections.unmodifiableList(items));
    }
    Map<String, List<T>> byType = new LinkedHashMap<>();
    for (T item : items) {
      String type = typeOf(item);
      List<T> ofType = byType.get(type);
      if (ofType == null) {
        ofType = new ArrayList<>();
        byType.put(type, ofType);
      }
      ofType.add(item);
    }
    for (Map.Entry<String, List<T>> entry : byType.entrySet()) {
      entry.setValue(Collections.unmodifiableList(entry.getValue()));
    }
    return Collections.unmodifiableMap(byType);
  }

  /** The type of an entity or a relationship. */
  private static String typeOf(Object item) {
    return item instanceof Entity entity ? entity.type() : ((Relationship) item).type();
  }
}
