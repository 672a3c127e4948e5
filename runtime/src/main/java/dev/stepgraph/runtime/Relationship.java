package dev.stepgraph.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A directed edge between two entities, by key: {@code user -> role} ("HAS"), {@code service ->
 * host} ("RUNS_ON"). Immutable; properties as for {@link Entity}.
 *
 * @param type the relationship type, e.g. {@code has-role}
 * @param fromKey the key of the source entity
 * @param toKey the key of the target entity
 * @param properties the properties, in insertion order
 */
public record Relationship(
    String type, String fromKey, String toKey, Map<String, Object> properties) {

  public Relationship {
    String checkedType = Values.requireText(type, "relationship type");
    String checkedFrom = Values.requireText(fromKey, "relationship from-key");
    String checkedTo = Values.requireText(toKey, "relationship to-key");
    type = checkedType;
    fromKey = checkedFrom;
    toKey = checkedTo;
    properties =
        Values.copyProperties(
            properties,
            () -> "relationship '" + checkedFrom + " -" + checkedType + "-> " + checkedTo + "'");
  }

  /** A relationship with no properties. */
  public static Relationship of(String type, String fromKey, String toKey) {
    return new Relationship(type, fromKey, toKey, Map.of());
  }

  /** A copy with one property added or replaced. */
  public Relationship with(String name, Object value) {
    Objects.requireNonNull(name, "property name");
    Map<String, Object> copy = new LinkedHashMap<>(properties);
    copy.put(name, value);
    return new Relationship(type, fromKey, toKey, copy);
  }
}
