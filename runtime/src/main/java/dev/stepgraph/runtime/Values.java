package dev.stepgraph.runtime;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Checks and copies the values of entities and relationships. */
final class Values {
  private Values() {}

  static String requireText(@Nullable String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }

  /**
   * An immutable copy of the properties, checked. {@code owner} names the entity or relationship
   * in error messages; it is only built when there is one (this runs for every emitted value and
   * every {@code with}).
   */
  static Map<String, Object> copyProperties(
      @Nullable Map<String, ?> properties, Supplier<String> owner) {
    if (properties == null) {
      throw new NullPointerException(
          owner.get() + ": properties must not be null; pass Map.of() for none");
    }
    if (properties.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> copy = new LinkedHashMap<>(properties.size() * 2);
    for (Map.Entry<String, ?> entry : properties.entrySet()) {
      String name = entry.getKey();
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException(owner.get() + ": property names must not be blank");
      }
      copy.put(name, checkValue(entry.getValue(), owner, name));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static Object checkValue(@Nullable Object value, Supplier<String> owner, String name) {
    if ((value instanceof Double d && !Double.isFinite(d))
        || (value instanceof Float f && !Float.isFinite(f))) {
      throw new IllegalArgumentException(
          owner.get() + ": property '" + name + "' is " + value
              + ", which JSON cannot hold; use a finite number, or leave the property out");
    }
    if (value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Double
        || value instanceof Float
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigDecimal
        || value instanceof BigInteger) {
      return value;
    }
    if (value instanceof List<?> list) {
      for (Object element : list) {
        if (element instanceof List<?>) {
          throw new IllegalArgumentException(
              owner.get() + ": property '" + name + "' is a list of lists; use a flat list");
        }
        checkValue(element, owner, name);
      }
      return List.copyOf(list);
    }
    throw new IllegalArgumentException(
        owner.get() + ": property '" + name + "' has a value of type "
            + (value == null ? "null" : value.getClass().getName())
            + "; use a string, boolean, number, or a list of those");
  }
}
