package dev.stepgraph.runtime.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.stepgraph.runtime.internal.Errors;
import dev.stepgraph.runtime.store.ManifestReader.Unreadable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * One line of a manifest, checked against its CRC-32C and parsed, and its fields read by type:
 * each problem an {@link Unreadable} that names the file and the line.
 */
final class ManifestFields {
  private static final int SUFFIX = ManifestLines.CRC_FIELD.length + 8 + 2; // ,"crc":"xxxxxxxx"}
  private static final JsonFactory JSON = new JsonFactory();

  private ManifestFields() {}

  /**
   * Parses one line into a map (strings, longs, booleans, maps, lists of strings); with {@code
   * check}, first checks the line's checksum.
   */
  static Map<String, Object> parse(
      byte[] bytes, int[] line, String shown, int number, boolean check)
      throws Unreadable {
    int start = line[0];
    int end = line[1];
    if (check) {
      int fieldAt = end - SUFFIX;
      if (fieldAt < start + 1
          || !matches(bytes, fieldAt, ManifestLines.CRC_FIELD)
          || bytes[end - 1] != '}'
          || bytes[end - 2] != '"') {
        throw damaged(shown, number, "it has no checksum");
      }
      CRC32C crc = new CRC32C();
      crc.update(bytes, start, fieldAt - start);
      String recorded =
          new String(bytes, fieldAt + ManifestLines.CRC_FIELD.length, 8, StandardCharsets.US_ASCII);
      if (!recorded.equals(Manifest.hex8(crc.getValue()))) {
        throw damaged(shown, number, "it fails its checksum");
      }
    }
    try (JsonParser json = JSON.createParser(bytes, start, end - start)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw damaged(shown, number, "it is not a JSON object");
      }
      Map<String, Object> object = readObject(json);
      if (json.nextToken() != null) {
        throw damaged(shown, number, "it holds more than one object");
      }
      return object;
    } catch (IOException e) {
      throw damaged(shown, number, "it is not JSON: " + Errors.line(firstLine(e.getMessage())));
    }
  }

  private static String firstLine(@Nullable String message) {
    String text = String.valueOf(message);
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static boolean matches(byte[] bytes, int at, byte[] expected) {
    for (int i = 0; i < expected.length; i++) {
      if (bytes[at + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Object> readObject(JsonParser json) throws IOException {
    Map<String, Object> object = new LinkedHashMap<>();
    for (JsonToken token = json.nextToken();
        token == JsonToken.FIELD_NAME;
        token = json.nextToken()) {
      String name = json.currentName();
      object.put(name, readValue(json, json.nextToken()));
    }
    return object;
  }

  private static Object readValue(JsonParser json, @Nullable JsonToken token) throws IOException {
    if (token == null) {
      throw new IOException("unexpected end of line");
    }
    switch (token) {
      case START_OBJECT:
        return readObject(json);
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        for (JsonToken element = json.nextToken();
            element != JsonToken.END_ARRAY;
            element = json.nextToken()) {
          list.add(readValue(json, element));
        }
        return list;
      case VALUE_STRING:
        return json.getText();
      case VALUE_NUMBER_INT:
        return json.getLongValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      default:
        return json.getText(); // a float or null: no field of format 1 holds one
    }
  }

  static Unreadable damaged(String shown, int line, String why) {
    return new Unreadable(
        RunStoreException.Problem.DAMAGED_MANIFEST,
        shown + " is damaged at line " + line + ": " + why);
  }

  static String text(Map<String, Object> line, String field, String shown, int number)
      throws Unreadable {
    if (line.get(field) instanceof String text) {
      return text;
    }
    throw damaged(shown, number, "it has no text '" + field + "'");
  }

  static @Nullable String optionalText(
      Map<String, Object> line, String field, String shown, int number) throws Unreadable {
    return line.containsKey(field) ? text(line, field, shown, number) : null;
  }

  static long number(Map<String, Object> line, String field, String shown, int number)
      throws Unreadable {
    if (line.get(field) instanceof Long value && value >= 0) {
      return value;
    }
    throw damaged(shown, number, "it has no number '" + field + "'");
  }

  static int integer(Map<String, Object> line, String field, String shown, int number)
      throws Unreadable {
    long value = number(line, field, shown, number);
    if (value > Integer.MAX_VALUE) {
      throw damaged(shown, number, "it has no number '" + field + "'");
    }
    return (int) value;
  }

  static boolean bool(Map<String, Object> line, String field) {
    return Boolean.TRUE.equals(line.get(field));
  }

  static Instant instant(Map<String, Object> line, String field, String shown, int number)
      throws Unreadable {
    try {
      return Instant.parse(text(line, field, shown, number));
    } catch (DateTimeException e) {
      throw damaged(shown, number, "it has no time '" + field + "'");
    }
  }

  static Map<String, String> texts(
      Map<String, Object> line, String field, String shown, int number) throws Unreadable {
    if (!(line.get(field) instanceof Map<?, ?> map)) {
      throw damaged(shown, number, "'" + field + "' is not an object");
    }
    Map<String, String> texts = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getValue() instanceof String text)) {
        throw damaged(shown, number, "'" + field + "' holds a value that is not a text");
      }
      texts.put((String) entry.getKey(), text);
    }
    return texts;
  }

  static List<String> strings(
      Map<String, Object> line, String field, String shown, int number) throws Unreadable {
    Object value = line.get(field);
    if (value == null) {
      return List.of();
    }
    List<String> strings = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object element : list) {
        if (!(element instanceof String text)) {
          throw damaged(shown, number, "'" + field + "' is not a list of texts");
        }
        strings.add(text);
      }
      return strings;
    }
    throw damaged(shown, number, "'" + field + "' is not a list of texts");
  }
}
