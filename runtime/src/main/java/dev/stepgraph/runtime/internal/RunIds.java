package dev.stepgraph.runtime.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Run ids: {@code 20261201T204512Z-3fa9} by default, the UTC time a run started and 4 hex digits. */
public final class RunIds {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private RunIds() {}

  /** A new id for a run that starts at {@code time}. */
  public static String generate(Instant time) {
    return UTC.format(time) + "-"
        + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }

  /** Whether an id can name a run: letters, digits, '.', '_' and '-' (not first), up to 128. */
  public static boolean valid(String runId) {
    return VALID.matcher(runId).matches();
  }

  /** Why an id cannot name a run. */
  public static String invalid(String runId) {
    return "run id '" + runId + "' is not valid: use letters, digits, '.', '_' and '-' (not"
        + " first), at most 128 characters";
  }
}
