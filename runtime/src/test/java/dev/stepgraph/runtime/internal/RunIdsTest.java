package dev.stepgraph.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.AllStrings;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Run ids: the generated form, and which ids are valid. */
class RunIdsTest {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** The time part is what a date-time formatter writes, on random instants and on edges. */
  @Test
  void generatedIdIsTheUtcTimeAndFourHexDigits() {
    Random random = new Random(42);
    List<Instant> times = new ArrayList<>(List.of(
        Instant.parse("2026-12-01T20:45:12Z"), Instant.parse("2026-01-02T03:04:05.999Z"),
        Instant.parse("2000-02-29T00:00:00Z"), Instant.parse("1999-12-31T23:59:59.5Z"),
        Instant.EPOCH));
    for (int i = 0; i < 10_000; i++) {
      times.add(Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE), random.nextInt(1_000_000_000)));
    }
    Set<String> suffixes = new HashSet<>();
    for (Instant time : times) {
      String id = RunIds.generate(time);
      assertEquals(UTC.format(time), id.substring(0, 16), id);
      assertTrue(id.matches("[0-9]{8}T[0-9]{6}Z-[0-9a-f]{4}"), id);
      suffixes.add(id.substring(17));
    }
    assertTrue(suffixes.size() > 5_000, "suffixes are random: " + suffixes.size() + " distinct");
    assertTrue(suffixes.stream().anyMatch(s -> s.startsWith("0")), "leading zeros are kept");
  }

  /**
   * The hand-written check agrees with the rule as a regular expression on every id of up to 5
   * characters over letters of both cases, a digit, the three marks and a space, and at the limit
   * of 128 characters.
   */
  @Test
  void validIsTheRuleOnEveryShortId() {
    Pattern rule = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    List<String> ids = new ArrayList<>(AllStrings.upTo(5, "aZ0._- /"));
    ids.add("a".repeat(128));
    ids.add("a".repeat(129));
    ids.add("é");
    for (String id : ids) {
      assertEquals(rule.matcher(id).matches(), RunIds.valid(id), id);
    }
  }
}
