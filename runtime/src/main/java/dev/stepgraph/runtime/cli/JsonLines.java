package dev.stepgraph.runtime.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.run.StepResult;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * What {@code --output} holds: every committed entity and relationship as JSON Lines, step by
 * step in wave order (each step's entities, then its relationships, in emission order):
 *
 * <pre>
 * {"kind":"entity","type":"host","key":"h-1","properties":{"name":"web-1"}}
 * {"kind":"relationship","type":"runs-on","from":"s-1","to":"h-1","properties":{}}
 * </pre>
 */
final class JsonLines {
  private JsonLines() {}

  /** Counts of what was written. */
  record Written(long entities, long relationships) {}

  /** Told, on the writing thread, how many lines have been written so far, after each line. */
  @FunctionalInterface
  interface Progress {
    Progress NONE = lines -> {};

    void written(long lines) throws IOException;
  }

  static Written write(Writer writer, List<StepResult> steps) throws IOException {
    return write(writer, steps, Progress.NONE);
  }

  /** Writes the lines; the writer is neither flushed nor closed. */
  static Written write(Writer writer, List<StepResult> steps, Progress progress)
      throws IOException {
    long entities = 0;
    long relationships = 0;
    try (JsonGenerator json =
        new JsonFactory()
            .createGenerator(writer)
            .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
      json.setRootValueSeparator(null);
      for (StepResult step : steps) {
        for (Entity entity : step.entities()) {
          json.writeStartObject();
          json.writeStringField("kind", "entity");
          json.writeStringField("type", entity.type());
          json.writeStringField("key", entity.key());
          writeProperties(json, entity.properties());
          endLine(json, writer);
          entities++;
          progress.written(entities + relationships);
        }
        for (Relationship relationship : step.relationships()) {
          json.writeStartObject();
          json.writeStringField("kind", "relationship");
          json.writeStringField("type", relationship.type());
          json.writeStringField("from", relationship.fromKey());
          json.writeStringField("to", relationship.toKey());
          writeProperties(json, relationship.properties());
          endLine(json, writer);
          relationships++;
          progress.written(entities + relationships);
        }
      }
    }
    return new Written(entities, relationships);
  }

  /** Ends the line's object; the generator is flushed so the newline lands after it. */
  private static void endLine(JsonGenerator json, Writer writer) throws IOException {
    json.writeEndObject();
    json.flush();
    writer.write('\n');
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
}
