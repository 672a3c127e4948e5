package dev.stepgraph.runtime.store;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import java.util.List;

/**
 * What a recorded step emitted, read back from the store: its entities and relationships in
 * emission order.
 */
public record StepData(List<Entity> entities, List<Relationship> relationships) {
  public StepData {
    entities = List.copyOf(entities);
    relationships = List.copyOf(relationships);
  }
}
