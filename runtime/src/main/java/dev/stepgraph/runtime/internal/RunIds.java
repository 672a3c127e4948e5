package dev.stepgraph.runtime.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;

/** Run ids: {@code 20261201T204512Z-3fa9} by default, the UTC time a run started and 4 hex digits. */
public final class RunIds {
  private RunIds() {}

  /**
   * A new id for a run that starts at {@code time}. Written digit by digit: a date-time formatter
   * and {@code String.format} would cost every run's start more than the rest of this class.
   */
  public static String generate(Instant time) {
    LocalDateTime utc = LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC);
    StringBuilder id = new StringBuilder(20);
    digits(id, utc.getYear(), 4);
    digits(id, utc.getMonthValue(), 2);
    digits(id, utc.getDayOfMonth(), 2);
    id.append('T');
    digits(id, utc.getHour(), 2);
    digits(id, utc.getMinute(), 2);
    digits(id, utc.getSecond(), 2);
    id.append("Z-");
    // 0x10000 | n in hex is "1" and the 4 digits of n, with its leading zeros
    String suffix = Integer.toHexString(0x10000 | ThreadLocalRandom.current().nextInt(0x10000));
    return id.append(suffix, 1, 5).toString();
  }

  /** {@code value} in decimal, zero-padded to {@code width} digits. */
  private static void digits(StringBuilder to, int value, int width) {
    String text = Integer.toString(value);
    for (int i = text.length(); i < width; i++) {
      to.append('0');
    }
    to.append(text);
  }

  /** Whether an id can name a run: letters, digits, '.', '_' and '-' (not first), up to 128. */
  public static boolean valid(String runId) {
    if (runId.isEmpty() || runId.length() > 128) {
      return false;
    }
    for (int i = 0; i < runId.length(); i++) {
      char c = runId.charAt(i);
      boolean alphanumeric =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alphanumeric && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
        return false;
      }
    }
    return true;
  }

  /** Why an id cannot name a run. */
  public static String invalid(String runId) {
    return "run id '" + runId + "' is not valid: use letters, digits, '.', '_' and '-' (not"
        + " first), at most 128 characters";
  }
}
