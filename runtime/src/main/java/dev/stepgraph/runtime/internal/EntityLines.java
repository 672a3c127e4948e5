package dev.stepgraph.runtime.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON Lines format of entities and relationships, one object per line: what {@code --output}
 * holds and what a run store keeps per step, so that both read alike (with {@code jq}, say).
 *
 * <pre>
 * {"kind":"entity","type":"host","key":"h-1","properties":{"name":"web-1"}}
 * {"kind":"relationship","type":"runs-on","from":"s-1","to":"h-1","properties":{}}
 * </pre>
 *
 * <p>Reading a line back gives what was written, byte for byte when written again: integers come
 * back as {@code Integer}, {@code Long} or {@code BigInteger} (the smallest that holds them),
 * decimals as {@code Double}, or as {@code BigDecimal} when a double would not write the same
 * digits. {@code Short}, {@code Byte} and {@code Float} values come back as the wider type.
 */
public final class EntityLines {
  private EntityLines() {}

  /** Writes the entity as one object; the caller ends the line. */
  public static void write(JsonGenerator json, Entity entity) throws IOException {
    json.writeStartObject();
    json.writeStringField("kind", "entity");
    json.writeStringField("type", entity.type());
    json.writeStringField("key", entity.key());
    writeProperties(json, entity.properties());
    json.writeEndObject();
  }

  /** Writes the relationship as one object; the caller ends the line. */
  public static void write(JsonGenerator json, Relationship relationship) throws IOException {
    json.writeStartObject();
    json.writeStringField("kind", "relationship");
    json.writeStringField("type", relationship.type());
    json.writeStringField("from", relationship.fromKey());
    json.writeStringField("to", relationship.toKey());
    writeProperties(json, relationship.properties());
    json.writeEndObject();
  }

  private static void writeProperties(JsonGenerator json, Map<String, Object> properties)
      throws IOException {
    json.writeObjectFieldStart("properties");
    for (Map.Entry<String, Object> property : properties.entrySet()) {
      json.writeFieldName(property.getKey());
      writeValue(json, property.getValue());
    }
    json.writeEndObject();
  }

  private static void writeValue(JsonGenerator json, Object value) throws IOException {
    if (value instanceof String s) {
      json.writeString(s);
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      json.writeNumber(((Number) value).intValue());
    } else if (value instanceof Long l) {
      json.writeNumber(l);
    } else if (value instanceof Double d) {
      json.writeNumber(d);
    } else if (value instanceof Float f) {
      json.writeNumber(f);
    } else if (value instanceof BigDecimal d) {
      json.writeNumber(d);
    } else if (value instanceof BigInteger i) {
      json.writeNumber(i);
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object element : list) {
        writeValue(json, element);
      }
      json.writeEndArray();
    } else {
      // Entity and Relationship check their values; this is a bug if it happens.
      json.writeString(String.valueOf(value));
    }
  }

  /** A line that is not an entity or relationship as {@link #write} writes them. */
  public static final class BadLine extends Exception {
    private static final long serialVersionUID = 1L;

    BadLine(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Reads the next line's object: an {@link Entity} or a {@link Relationship}; null at the end.
   * The parser must be positioned before the object (at the start, or after the previous one).
   *
   * @throws BadLine if the object is not one {@link #write} writes
   */
  public static @Nullable Object read(JsonParser json) throws IOException, BadLine {
    JsonToken start = json.nextToken();
    if (start == null) {
      return null;
    }
    if (start != JsonToken.START_OBJECT) {
      throw new BadLine("expected an object, found " + start);
    }
    String kind = null;
    String type = null;
    String key = null;
    String from = null;
    String to = null;
    Map<String, Object> properties = Map.of();
    for (JsonToken token = json.nextToken(); token != JsonToken.END_OBJECT; token = json.nextToken()) {
      if (token != JsonToken.FIELD_NAME) {
        throw new BadLine("expected a field name, found " + token);
      }
      String field = json.currentName();
      JsonToken value = json.nextToken();
      if (field.equals("properties")) {
        properties = readProperties(json, value);
        continue;
      }
      if (value != JsonToken.VALUE_STRING) {
        throw new BadLine("field '" + field + "' is not a string");
      }
      String text = json.getText();
      switch (field) {
        case "kind" -> kind = text;
        case "type" -> type = text;
        case "key" -> key = text;
        case "from" -> from = text;
        case "to" -> to = text;
        default -> throw new BadLine("unknown field '" + field + "'");
      }
    }
    try {
      if ("entity".equals(kind) && type != null && key != null) {
        return new Entity(type, key, properties);
      }
      if ("relationship".equals(kind) && type != null && from != null && to != null) {
        return new Relationship(type, from, to, properties);
      }
    } catch (IllegalArgumentException e) {
      throw new BadLine(Errors.line(e.getMessage()));
    }
    throw new BadLine("not an entity or a relationship");
  }

  private static Map<String, Object> readProperties(JsonParser json, JsonToken start)
      throws IOException, BadLine {
    if (start != JsonToken.START_OBJECT) {
      throw new BadLine("properties are not an object");
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    for (JsonToken token = json.nextToken(); token != JsonToken.END_OBJECT; token = json.nextToken()) {
      String name = json.currentName();
      properties.put(name, readValue(json, json.nextToken(), true));
    }
    return properties;
  }

  private static Object readValue(JsonParser json, JsonToken token, boolean listAllowed)
      throws IOException, BadLine {
    switch (token) {
      case VALUE_STRING:
        return json.getText();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NUMBER_INT:
        switch (json.getNumberType()) {
          case INT:
            return json.getIntValue();
          case LONG:
            return json.getLongValue();
          default:
            return json.getBigIntegerValue();
        }
      case VALUE_NUMBER_FLOAT:
        String text = json.getText();
        double value = json.getDoubleValue();
        // A double that writes back other digits (written by another JDK, or a BigDecimal's
        // scale) keeps its text as a BigDecimal.
        return Double.isFinite(value) && Double.toString(value).equals(text)
            ? (Object) value
            : new BigDecimal(text);
      case START_ARRAY:
        if (!listAllowed) {
          throw new BadLine("a list of lists");
        }
        List<Object> list = new ArrayList<>();
        for (JsonToken element = json.nextToken();
            element != JsonToken.END_ARRAY;
            element = json.nextToken()) {
          list.add(readValue(json, element, false));
        }
        return list;
      default:
        throw new BadLine("a property value that is " + token);
    }
  }
}
