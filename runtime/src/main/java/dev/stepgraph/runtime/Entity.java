package dev.stepgraph.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One collected object: a user, a role, a host. Immutable.
 *
 * <p>{@code key} identifies the entity within a run (emitting a key twice fails the step);
 * {@code type} groups entities for {@link PriorData#entitiesByType(String)}. Property values are
 * strings, booleans, numbers or lists of those; properties keep the order they were added in.
 *
 * <pre>{@code
 * ctx.emit(Entity.of("host", "i-0abc").with("name", "web-1").with("cpus", 4));
 * }</pre>
 *
 * @param type the entity type, e.g. {@code host}
 * @param key the key, unique within a run
 * @param properties the properties, in insertion order
 */
public record Entity(String type, String key, Map<String, Object> properties) {

  public Entity {
    type = Values.requireText(type, "entity type");
    String checkedKey = Values.requireText(key, "entity key");
    key = checkedKey;
    properties = Values.copyProperties(properties, () -> "entity '" + checkedKey + "'");
  }

  /** An entity with no properties. */
  public static Entity of(String type, String key) {
    return new Entity(type, key, Map.of());
  }

  /** A copy of this entity with one property added or replaced. */
  public Entity with(String name, Object value) {
    Objects.requireNonNull(name, "property name");
    Map<String, Object> copy = new LinkedHashMap<>(properties);
    copy.put(name, value);
    return new Entity(type, key, copy);
  }

  /** A copy of this entity with these properties added or replaced, in their iteration order. */
  public Entity withAll(Map<String, ?> more) {
    Map<String, Object> copy = new LinkedHashMap<>(properties);
    copy.putAll(more);
    return new Entity(type, key, copy);
  }

  /** The property {@code name}, or {@code null} when absent. */
  public @org.jspecify.annotations.Nullable Object property(String name) {
    return properties.get(name);
  }
}
