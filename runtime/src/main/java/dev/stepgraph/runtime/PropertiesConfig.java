package dev.stepgraph.runtime;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
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
    try {
      loaded.load(new StringReader(decode(file, Files.readAllBytes(file))));
    } catch (IllegalArgumentException e) {
      if (e instanceof NotUtf8Exception) {
        throw e;
      }
      throw new IllegalArgumentException(
          "config file '" + file + "' is not a valid properties file: " + e.getMessage(), e);
    }
    Map<String, String> properties = new HashMap<>();
    for (String name : loaded.stringPropertyNames()) {
      properties.put(name, loaded.getProperty(name));
    }
    return new PropertiesConfig(properties, environment, file);
  }

  /**
   * The file's text: UTF-8, without a byte order mark (it would become part of the first key).
   * A file that is not UTF-8 is named with the line and byte offset of the first bad byte, but
   * not the byte itself: the file may hold secrets.
   */
  private static String decode(Path file, byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never has fewer bytes than chars
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int offset = in.position();
      int line = 1;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new NotUtf8Exception(
          "config file '" + file + "' is not UTF-8: line " + line
              + " has a byte that is not valid UTF-8 (byte offset " + offset
              + "); save the file as UTF-8");
    }
    decoder.flush(out);
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** The file is not UTF-8. */
  private static final class NotUtf8Exception extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    NotUtf8Exception(String message) {
      super(message);
    }
  }

  @Override
  public Optional<String> get(String key) {
    String fromEnvironment = environment.get(Config.environmentVariable(key));
    if (fromEnvironment != null) {
      return Optional.of(fromEnvironment);
    }
    return Optional.ofNullable(properties.get(key));
  }

  @Override
  public String require(String key) {
    return get(key).orElseThrow(() -> new ConfigException(missing(key)));
  }

  private String missing(String key) {
    String variable = Config.environmentVariable(key);
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
      throw new ConfigException(notA(what, key));
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
    throw new ConfigException(notA("a boolean (true or false)", key));
  }

  /** The message does not quote the value: it may be a secret. */
  private String notA(String what, String key) {
    String variable = Config.environmentVariable(key);
    String source =
        environment.containsKey(variable)
            ? "environment variable " + variable
            : (file == null ? "the configuration" : String.valueOf(file));
    return "config key '" + key + "' (from " + source + ") is not " + what;
  }

  @Override
  public Optional<Path> file() {
    return Optional.ofNullable(file);
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
