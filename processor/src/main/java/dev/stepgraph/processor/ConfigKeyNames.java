package dev.stepgraph.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Configuration key names, as {@code @ConfigKey(name)} declares them: lowercase dot-separated
 * segments, each a letter followed by letters and digits, words separated by single {@code -} or
 * {@code _} ({@code api.token}, {@code api.page-size}, {@code inventory.max_items}). The same rule
 * as the runtime's {@code ConfigKeyDefinition}, which the processor does not depend on.
 */
final class ConfigKeyNames {
  private static final String SEGMENT = "[a-z][a-z0-9]*([-_][a-z0-9]+)*";
  private static final Pattern KEY_NAME = Pattern.compile(SEGMENT + "(\\." + SEGMENT + ")*");

  private ConfigKeyNames() {}

  static boolean isKeyName(String name) {
    return KEY_NAME.matcher(name).matches();
  }

  /**
   * What a message about a name that is not a key name says after naming it: the rule, and the
   * name to rename it to when {@link #toKeyName} finds one.
   */
  static String keyNameFix(String name) {
    String suggestion = toKeyName(name);
    return ", which is not a key name (lowercase dot-separated segments, each a letter followed by"
        + " letters and digits, words separated by single '-' or '_'): "
        + (suggestion.isEmpty() ? "rename it" : "rename it to '" + suggestion + "'");
  }

  /**
   * The key name closest to what was written, segment by segment as {@link DataTypes#toTypeName}
   * does: {@code Api.Token} becomes {@code api.token}, {@code api.pageSize} {@code api.page-size},
   * {@code API_TOKEN} {@code api_token}, {@code api..token} {@code api.token}. Empty when that is
   * not a key name either (a segment that starts with a digit) or nothing is left.
   */
  static String toKeyName(String name) {
    List<String> segments = new ArrayList<>();
    for (String segment : name.split("\\.", -1)) {
      String words = DataTypes.toTypeName(segment);
      if (!words.isEmpty()) {
        segments.add(words);
      }
    }
    String suggestion = String.join(".", segments);
    return isKeyName(suggestion) ? suggestion : "";
  }

  /** The environment variable that sets the key, as the runtime names it: {@code API_PAGE_SIZE}. */
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
