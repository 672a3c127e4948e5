package dev.stepgraph.runtime;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** A properties file (or map) overridden by environment variables. Never prints values. */
final class PropertiesConfig implements Config {
  private final Map<String, String> properties;
  private final Map<String, String> environment;
  private final @Nullable Path file;

  PropertiesConfig(
      Map<String, String> properties, Map<String, String> environment, @Nullable Path file) {
    this.properties = Map.copyOf(properties);
    this.environment = Map.copyOf(environment);
    this.file = file;
  }

  static Config load(Path file, Map<String, String> environment) throws IOException {
    Properties loaded = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      loaded.load(reader);
    }
    Map<String, String> properties = new HashMap<>();
    for (String name : loaded.stringPropertyNames()) {
      properties.put(name, loaded.getProperty(name));
    }
    return new PropertiesConfig(properties, environment, file);
  }

  static String environmentVariable(String key) {
    StringBuilder name = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      name.append(letterOrDigit ? Character.toUpperCase(c) : '_');
    }
    return name.toString();
  }

  @Override
  public Optional<String> get(String key) {
    String fromEnvironment = environment.get(environmentVariable(key));
    if (fromEnvironment != null) {
      return Optional.of(fromEnvironment);
    }
    return Optional.ofNullable(properties.get(key));
  }

  @Override
  public String require(String key) {
    return get(key).orElseThrow(() -> new IllegalStateException(missing(key)));
  }

  private String missing(String key) {
    String variable = environmentVariable(key);
    if (file == null) {
      return "config key '" + key + "' is not set: set environment variable " + variable
          + " or pass --config FILE with '" + key + "' in it";
    }
    return "config key '" + key + "' is not set: not in " + file + " and environment variable "
        + variable + " is not set";
  }

  @Override
  public int getInt(String key, int defaultValue) {
    return parse(key, "an int", Integer::valueOf, defaultValue);
  }

  @Override
  public long getLong(String key, long defaultValue) {
    return parse(key, "a long", Long::valueOf, defaultValue);
  }

  /** The trimmed value parsed as a number, or the default when the key is not set. */
  private <T> T parse(String key, String what, Function<String, T> parser, T defaultValue) {
    Optional<String> value = get(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      return parser.apply(value.get().trim());
    } catch (NumberFormatException e) {
      // No cause: NumberFormatException quotes the value, which may be a secret.
      throw new IllegalStateException(notA(what, key), null);
    }
  }

  @Override
  public boolean getBoolean(String key, boolean defaultValue) {
    Optional<String> value = get(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    String text = value.get().trim();
    if (text.equalsIgnoreCase("true")) {
      return true;
    }
    if (text.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalStateException(notA("a boolean (true or false)", key));
  }

  /** The message does not quote the value: it may be a secret. */
  private String notA(String what, String key) {
    String variable = environmentVariable(key);
    String source =
        environment.containsKey(variable)
            ? "environment variable " + variable
            : (file == null ? "the configuration" : String.valueOf(file));
    return "config key '" + key + "' (from " + source + ") is not " + what;
  }

  @Override
  public Set<String> keys() {
    return Collections.unmodifiableSet(new TreeSet<>(properties.keySet()));
  }

  @Override
  public String toString() {
    return "Config[" + (file == null ? "" : "file=" + file + ", ") + "keys=" + keys() + "]";
  }
}
