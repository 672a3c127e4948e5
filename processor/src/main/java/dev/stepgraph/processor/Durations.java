package dev.stepgraph.processor;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written on {@code @Step(timeout)} and {@code @Retry(backoff, maxBackoff)}: {@code
 * <digits>ms}, {@code <digits>s}, {@code <digits>m}, {@code <digits>h} (no spaces) or ISO-8601 as
 * {@link Duration#parse} reads it ({@code PT30S}). Pure Java, shared by checks and generator.
 */
final class Durations {
  /** The fix every "is not a duration" message ends with. */
  static final String HOW_TO_WRITE = "write it like \"500ms\", \"30s\", \"5m\", \"1h\" or ISO-8601 \"PT30S\"";

  private static final Pattern SHORT = Pattern.compile("([0-9]+)(ms|s|m|h)");

  private Durations() {}

  /** The duration {@code text} denotes, or empty if it is not one (negative ISO-8601 durations parse). */
  static Optional<Duration> parse(String text) {
    Matcher shortForm = SHORT.matcher(text);
    try {
      if (shortForm.matches()) {
        long amount = Long.parseLong(shortForm.group(1));
        return Optional.of(switch (shortForm.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        });
      }
      if (text.length() > 1 && (text.charAt(0) == 'P' || text.charAt(0) == 'p' || text.charAt(0) == '-'
          || text.charAt(0) == '+')) {
        return Optional.of(Duration.parse(text));
      }
    } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
      return Optional.empty(); // too many digits for a Duration, or not ISO-8601
    }
    return Optional.empty();
  }

  /**
   * Like the annotation's short form and the runtime's {@code StepPolicy.formatDuration}: {@code
   * 500ms}, {@code 30s}, {@code 1m30s}; {@code 0ms} for zero; a sub-millisecond rest in {@code ns}.
   */
  static String format(Duration duration) {
    if (duration.isNegative()) {
      return "-" + format(duration.negated());
    }
    if (duration.isZero()) {
      return "0ms";
    }
    StringBuilder out = new StringBuilder();
    append(out, duration.toHours(), "h");
    append(out, duration.toMinutes() % 60, "m");
    append(out, duration.getSeconds() % 60, "s");
    append(out, duration.getNano() / 1_000_000, "ms");
    append(out, duration.getNano() % 1_000_000, "ns");
    return out.toString();
  }

  private static void append(StringBuilder out, long amount, String unit) {
    if (amount != 0) {
      out.append(amount).append(unit);
    }
  }

  /**
   * What follows {@code Duration.} in a Java expression for {@code duration}, in the largest exact
   * unit so it reads like the annotation: {@code ofSeconds(30)}, {@code ofMillis(1500)}; {@code
   * ZERO} for zero.
   */
  static String javaFactory(Duration duration) {
    if (duration.isZero()) {
      return "ZERO";
    }
    if (duration.getNano() % 1_000_000 != 0) {
      return "ofSeconds(" + duration.getSeconds() + ", " + duration.getNano() + ")";
    }
    if (duration.getNano() != 0) {
      return "ofMillis(" + duration.toMillis() + ")";
    }
    long seconds = duration.getSeconds();
    if (seconds % 3600 == 0) {
      return "ofHours(" + seconds / 3600 + ")";
    }
    if (seconds % 60 == 0) {
      return "ofMinutes(" + seconds / 60 + ")";
    }
    return "ofSeconds(" + seconds + ")";
  }

  /** A double literal that reads naturally: {@code 2.0}, {@code 0.2}, {@code 0.0001}. */
  static String javaLiteral(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("not a finite number: " + value);
    }
    String plain = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    return plain.contains(".") ? plain : plain + ".0";
  }
}
