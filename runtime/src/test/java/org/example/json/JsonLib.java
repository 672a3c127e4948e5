package org.example.json;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A stand-in for a JSON library a connector calls: its frames are not the connector's. */
public final class JsonLib {
  private JsonLib() {}

  /** A parsed object. */
  public record Node(Map<String, String> fields) {
    /** The field, or null when absent (as a JSON library's {@code get} answers). */
    public @Nullable Node get(String name) {
      String value = fields.get(name);
      return value == null ? null : new Node(Map.of("", value));
    }

    public boolean asBoolean() {
      return Boolean.parseBoolean(fields.get(""));
    }
  }

  /** Thrown from inside the library, two calls deep. */
  public static final class ParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ParseException(String message) {
      super(message);
    }
  }

  /** Parses {@code {}} only; anything else fails inside the library. */
  public static Node parse(String text) {
    return parseObject(text); // fails here: parse
  }

  private static Node parseObject(String text) {
    if (!text.equals("{}")) {
      throw new ParseException("Unexpected character 'n' at offset 0"); // fails here: parseObject
    }
    return new Node(Map.of());
  }
}
