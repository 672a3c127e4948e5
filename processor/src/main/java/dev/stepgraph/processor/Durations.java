package dev.stepgraph.processor;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Durations as written on {@code @Step(timeout)} and {@code @Retry(backoff, maxBackoff)}: {@code
 * <digits>ms}, {@code <digits>s}, {@code <digits>m}, {@code <digits>h} (no spaces) or ISO-8601 as
 * {@link Duration#parse} reads it ({@code PT30S}). Pure Java, shared by checks and generator.
 */
final class Durations {
  /** The fix every "is not a duration" message ends with. */
  static final String HOW_TO_WRITE = "write it like \"500ms\", \"30s\", \"5m\", \"1h\" or ISO-8601 \"PT30S\"";

  /** The longest {@link Duration}: {@code PT2562047788015215H30M7.999999999S}, about 292 billion years. */
  static final Duration MAX = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

  /** Why a duration {@link #isOutOfRange} is not one, for messages. */
  static final String OUT_OF_RANGE =
      "is longer than a java.time.Duration can hold (at most PT2562047788015215H30M7.999999999S, about 292 billion"
          + " years)";

  private static final Pattern SHORT = Pattern.compile("([0-9]+)(ms|s|m|h)");

  private Durations() {}

  /** The duration {@code text} denotes, or empty if it is not one (negative ISO-8601 durations parse). */
  static Optional<Duration> parse(String text) {
    try {
      return Optional.ofNullable(parseOrNull(text));
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether {@code text} is written as a duration but lies beyond what {@link Duration} holds
   * ({@link #MAX} either way): {@code "9223372036854775808s"}, {@code "PT2562047788015216H"}. Such
   * text is not a duration for {@link #parse} either; this tells the two messages apart.
   */
  static boolean isOutOfRange(String text) {
    try {
      parseOrNull(text);
      return false;
    } catch (ArithmeticException e) {
      return true;
    }
  }

  /**
   * The duration, null if {@code text} is not written as one.
   *
   * @throws ArithmeticException if it is written as one but {@link Duration} cannot hold it
   */
  private static @Nullable Duration parseOrNull(String text) {
    Matcher shortForm = SHORT.matcher(text);
    if (shortForm.matches()) {
      long amount;
      try {
        amount = Long.parseLong(shortForm.group(1));
      } catch (NumberFormatException e) {
        throw new ArithmeticException("more than a long: " + text); // only digits, so too many of them
      }
      return switch (shortForm.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }
    if (text.length() > 1 && (text.charAt(0) == 'P' || text.charAt(0) == 'p' || text.charAt(0) == '-'
        || text.charAt(0) == '+')) {
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        // Duration.parse gives a cause only when the text matched its pattern and a number of it
        // did not fit (too many digits, or the sum of the parts overflowed).
        if (e.getCause() instanceof ArithmeticException || e.getCause() instanceof NumberFormatException) {
          throw new ArithmeticException("beyond Duration: " + text);
        }
        return null;
      }
    }
    return null;
  }

  /**
   * A duration as the runtime's {@code StepPolicy.formatDuration} prints it, by the same rules (the
   * processor cannot use the runtime; the README's table of durations holds both to them): {@code
   * 0ms}; under a second whole milliseconds, {@code 350ms} ({@code <1ms} for less than half of one);
   * under a minute seconds to a tenth, {@code 1.1s}; from a minute on whole seconds in hours,
   * minutes and seconds, zero parts left out, {@code 2m30s}, {@code 1h5s}. Each rounds half up to
   * what it shows.
   */
  static String format(Duration duration) {
    if (duration.isNegative()) {
      return "-" + format(duration.negated());
    }
    if (duration.isZero()) {
      return "0ms";
    }
    long seconds = duration.getSeconds();
    long nanos = duration.getNano();
    if (seconds == 0 && nanos < 999_500_000) {
      long millis = (nanos + 500_000) / 1_000_000;
      return millis == 0 ? "<1ms" : millis + "ms";
    }
    if (seconds < 60) {
      long tenths = seconds * 10 + (nanos + 50_000_000) / 100_000_000;
      if (tenths < 600) {
        return tenths / 10 + (tenths % 10 == 0 ? "" : "." + tenths % 10) + "s";
      }
    }
    long total = nanos >= 500_000_000 && seconds < Long.MAX_VALUE ? seconds + 1 : seconds;
    StringBuilder out = new StringBuilder();
    append(out, total / 3600, "h");
    append(out, total / 60 % 60, "m");
    append(out, total % 60, "s");
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
   * ZERO} for zero. Any duration {@link Duration} holds: numbers beyond {@code int} are {@code long}
   * literals ({@code ofMillis(2147483648L)}), and one too long for {@code ofMillis} is {@code
   * ofSeconds(seconds, nanos)}.
   */
  static String javaFactory(Duration duration) {
    if (duration.isZero()) {
      return "ZERO";
    }
    long seconds = duration.getSeconds();
    int nanos = duration.getNano();
    if (nanos % 1_000_000 != 0) {
      return "ofSeconds(" + integerLiteral(seconds) + ", " + nanos + ")";
    }
    if (nanos != 0) {
      try {
        return "ofMillis(" + integerLiteral(duration.toMillis()) + ")";
      } catch (ArithmeticException e) {
        return "ofSeconds(" + integerLiteral(seconds) + ", " + nanos + ")"; // more milliseconds than a long holds
      }
    }
    if (seconds % 3600 == 0) {
      return "ofHours(" + integerLiteral(seconds / 3600) + ")";
    }
    if (seconds % 60 == 0) {
      return "ofMinutes(" + integerLiteral(seconds / 60) + ")";
    }
    return "ofSeconds(" + integerLiteral(seconds) + ")";
  }

  /** An {@code int} literal if the value fits one, else a {@code long} literal: {@code 2147483648L}. */
  static String integerLiteral(long value) {
    return value == (int) value ? Long.toString(value) : value + "L";
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
