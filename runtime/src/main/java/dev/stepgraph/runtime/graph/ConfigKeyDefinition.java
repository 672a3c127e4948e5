package dev.stepgraph.runtime.graph;

import dev.stepgraph.runtime.Config;
import java.util.Objects;

/**
 * A configuration key a connector declares ({@code @ConfigKey} on its class). A run of a connector
 * that declares keys checks its configuration before the first step: every required key is set,
 * and the properties file sets no key that is not declared. The value of a secret key is masked as
 * {@code ****} wherever the run would print it.
 *
 * <p>Generated code adds them with {@link ConnectorGraph.Builder#configKey}: {@code
 * ConfigKeyDefinition.required("api.token", "API token").asSecret()}.
 *
 * @param name the key as the properties file names it: lowercase dot-separated segments, each a
 *     letter followed by letters and digits, words separated by single {@code -} or {@code _}
 *     ({@code api.token}, {@code api.page-size})
 * @param required whether a run needs it set
 * @param secret whether its value is masked wherever the run would print it
 * @param description what it sets; may be empty
 */
public record ConfigKeyDefinition(String name, boolean required, boolean secret, String description) {
  /**
   * @throws IllegalArgumentException if {@code name} is not a key name
   */
  public ConfigKeyDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    if (!isKeyName(name)) {
      throw new IllegalArgumentException(
          "config key '" + name + "' is not a key name: lowercase dot-separated segments, each a"
              + " letter followed by letters and digits, words separated by single '-' or '_'");
    }
  }

  /** A key a run needs set. */
  public static ConfigKeyDefinition required(String name, String description) {
    return new ConfigKeyDefinition(name, true, false, description);
  }

  /** A key a run may leave unset. */
  public static ConfigKeyDefinition optional(String name, String description) {
    return new ConfigKeyDefinition(name, false, false, description);
  }

  /** This key, its value a secret. */
  public ConfigKeyDefinition asSecret() {
    return new ConfigKeyDefinition(name, required, true, description);
  }

  /** Whether {@code name} is a key name, as {@link #name()} says. */
  public static boolean isKeyName(String name) {
    // [a-z][a-z0-9]*([-_][a-z0-9]+)* segments joined by '.', read by hand: compiling that as a
    // regular expression costs a cold JVM more than every other check of plan
    boolean segmentStart = true; // next: a letter that starts a segment
    boolean separated = false; // the last was '-' or '_': a letter or digit must follow
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = c >= 'a' && c <= 'z';
      if (segmentStart) {
        if (!letter) {
          return false;
        }
        segmentStart = false;
      } else if (letter || (c >= '0' && c <= '9')) {
        separated = false;
      } else if (separated) {
        return false;
      } else if (c == '-' || c == '_') {
        separated = true;
      } else if (c == '.') {
        segmentStart = true;
      } else {
        return false;
      }
    }
    return !segmentStart && !separated;
  }

  /** The environment variable that sets it: {@code api.page-size} is {@code API_PAGE_SIZE}. */
  public String environmentVariable() {
    return Config.environmentVariable(name);
  }

  /**
   * {@code required, secret; API token}: the marks, then the description; empty for an optional
   * key without a description.
   */
  public String describe() {
    String marks = required && secret ? "required, secret" : required ? "required" : secret ? "secret" : "";
    if (marks.isEmpty() || description.isEmpty()) {
      return marks + description;
    }
    return marks + "; " + description;
  }
}
