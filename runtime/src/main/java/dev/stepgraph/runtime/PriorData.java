package dev.stepgraph.runtime;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The entities and relationships of every successfully completed earlier step, as they were when
 * the current wave started. Lookups are indexed: none scans all entities.
 */
public interface PriorData {

  /** Entities of this type, in emission order (by step, then by emission); empty if none. */
  List<Entity> entitiesByType(String type);

  /** The entity with this key, if an earlier step emitted it. */
  Optional<Entity> entityByKey(String key);

  /** Relationships of this type, in emission order; empty if none. */
  List<Relationship> relationshipsByType(String type);

  /** The entity types present, sorted. */
  Set<String> entityTypes();

  /** How many entities there are. */
  int entityCount();
}
