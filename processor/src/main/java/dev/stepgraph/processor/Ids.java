package dev.stepgraph.processor;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Step and connector ids: lowercase kebab-case. */
final class Ids {
  private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern COMBINING_MARK = Pattern.compile("\\p{M}+");

  private Ids() {}

  static boolean isKebabCase(String id) {
    return KEBAB.matcher(id).matches();
  }

  /**
   * What a message about an id that is not kebab-case says after "is not lowercase kebab-case":
   * the rule, and the id to rename it to when {@link #toKebabCase} finds one.
   */
  static String kebabCaseFix(String id) {
    String suggestion = toKebabCase(id);
    return " (lowercase letters and digits, words separated by single hyphens): "
        + (suggestion.isEmpty() ? "rename it" : "rename it to '" + suggestion + "'");
  }

  /** The id a fix suggests for a step method: its name in kebab-case, or {@code my-step}. */
  static String stepIdFor(String methodName) {
    String suggestion = toKebabCase(methodName);
    return suggestion.isEmpty() ? "my-step" : suggestion;
  }

  /**
   * The kebab-case form of an identifier: {@code IAM_Users} becomes {@code iam-users}, {@code
   * listUsers} {@code list-users}, {@code HTTPServer} {@code http-server}, {@code usérs} {@code
   * users} (accents are removed first, not made word breaks). Empty when nothing of it is a letter
   * a-z or a digit.
   */
  static String toKebabCase(String identifier) {
    return words(identifier, '-', false);
  }

  /**
   * The identifier in lowercase words: split where {@link #toKebabCase} splits it, each word
   * break written as {@code separator}; with {@code keepSeparators}, a {@code -} or {@code _} of the
   * identifier stays what it was. No separator at either end, none doubled.
   */
  static String words(String identifier, char separator, boolean keepSeparators) {
    String name = withoutAccents(identifier);
    StringBuilder out = new StringBuilder(name.length() + 8);
    int n = name.length();
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!letterOrDigit) {
        separate(out, keepSeparators && (c == '-' || c == '_') ? c : separator);
        continue;
      }
      if (c >= 'A' && c <= 'Z' && i > 0) {
        char previous = name.charAt(i - 1);
        boolean previousLowerOrDigit = (previous >= 'a' && previous <= 'z') || (previous >= '0' && previous <= '9');
        boolean previousUpper = previous >= 'A' && previous <= 'Z';
        boolean nextLower = i + 1 < n && name.charAt(i + 1) >= 'a' && name.charAt(i + 1) <= 'z';
        if (previousLowerOrDigit || (previousUpper && nextLower)) {
          separate(out, separator);
        }
      }
      out.append(Character.toLowerCase(c));
    }
    int end = out.length();
    while (end > 0 && isSeparator(out.charAt(end - 1))) {
      end--;
    }
    return out.substring(0, end).toLowerCase(Locale.ROOT);
  }

  /** {@code Über} as {@code Uber}: decomposed (NFD), without the combining marks. */
  static String withoutAccents(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return COMBINING_MARK.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
      }
    }
    return text;
  }

  /** Appends the separator unless {@code out} is empty or already ends with one. */
  private static void separate(StringBuilder out, char separator) {
    if (out.length() > 0 && !isSeparator(out.charAt(out.length() - 1))) {
      out.append(separator);
    }
  }

  private static boolean isSeparator(char c) {
    return c == '-' || c == '_';
  }

  /**
   * The default connector id: {@code AwsInventoryConnector} becomes {@code aws-inventory}, {@code
   * ÜberConnector} {@code uber}; empty if the name has no letter a-z (accents aside) or digit.
   */
  static String connectorIdFromClassName(String simpleName) {
    String base = simpleName;
    if (base.endsWith("Connector") && base.length() > "Connector".length()) {
      base = base.substring(0, base.length() - "Connector".length());
    }
    return toKebabCase(base);
  }
}
