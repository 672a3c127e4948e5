package dev.stepgraph.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The connector's configuration: the properties file given with {@code --config}, overridden by
 * environment variables. The variable for key {@code api.base-url} is {@code API_BASE_URL} (upper
 * case, every character other than a letter or digit replaced by {@code _}).
 *
 * <p>Values are never printed: {@code toString()} lists the keys only, so secrets stay out of
 * logs and events. A connector that declares its keys ({@code @ConfigKey}) has its configuration
 * checked before the first step, and the values of its secret keys masked as {@code ****} in what
 * the run prints, even when a step puts them in a log line or an error message.
 */
public interface Config {

  /** The value for {@code key}, if set. */
  Optional<String> get(String key);

  /**
   * The value for {@code key}.
   *
   * @throws ConfigException naming the key, the file and the environment variable that would set
   *     it, when it is not set; a step that lets it propagate fails at once, without a retry
   */
  String require(String key);

  /**
   * The value as an int, or {@code defaultValue} when not set.
   *
   * @throws ConfigException if the value is not an int (the message does not quote it)
   */
  int getInt(String key, int defaultValue);

  /**
   * The value as a long, or {@code defaultValue} when not set.
   *
   * @throws ConfigException if the value is not a long
   */
  long getLong(String key, long defaultValue);

  /**
   * The value as a boolean ({@code true}/{@code false}), or {@code defaultValue} when not set.
   *
   * @throws ConfigException if the value is neither
   */
  boolean getBoolean(String key, boolean defaultValue);

  /** The keys set in the properties file (not the environment), sorted. */
  Set<String> keys();

  /**
   * The properties file this configuration was read from ({@link #load}), as it was given; empty
   * for one made from a map ({@link #of}). Messages about a key name it.
   */
  default Optional<Path> file() {
    return Optional.empty();
  }

  /**
   * A configuration from these properties, overridden by {@code environment} (variable names as
   * above; pass {@code System.getenv()} in production, a map in tests).
   */
  static Config of(Map<String, String> properties, Map<String, String> environment) {
    return new PropertiesConfig(properties, environment, null);
  }

  /**
   * Reads the properties file (UTF-8; a byte order mark is skipped), overridden by {@code
   * environment}.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if the file is not UTF-8 or not a valid properties file; the
   *     message names the file and what is wrong (for UTF-8, the line and byte offset, never the
   *     bytes, which may be secrets)
   */
  static Config load(Path file, Map<String, String> environment) throws IOException {
    return PropertiesConfig.load(file, environment);
  }

  /** The environment variable that overrides {@code key}: {@code api.base-url} -> {@code API_BASE_URL}. */
  static String environmentVariable(String key) {
    StringBuilder name = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      name.append(letterOrDigit ? Character.toUpperCase(c) : '_');
    }
    return name.toString();
  }
}
