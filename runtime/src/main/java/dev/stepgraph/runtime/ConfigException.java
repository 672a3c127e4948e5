package dev.stepgraph.runtime;

/**
 * A configuration value a step asked for is missing or malformed: {@link Config#require(String)}
 * of a key that is not set, or {@link Config#getInt(String, int)} of a value that is not a number.
 * Retrying cannot fix it, so it is a {@link NonRetryableException}: the step fails at once,
 * whatever its {@code @Retry} says. The message names the key, where it was looked for and how to
 * set it, never the value (it may be a secret).
 */
public class ConfigException extends NonRetryableException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
