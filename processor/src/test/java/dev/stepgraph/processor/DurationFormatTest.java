package dev.stepgraph.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated Javadoc prints durations by the rules the runtime prints them by: the README's
 * table of durations, which the runtime's own test holds {@code StepPolicy.formatDuration} to.
 * The processor cannot use the runtime, so both are held to the one table.
 */
class DurationFormatTest {

  @Test
  void everyDurationPrintsAsTheReadmeTableSays() throws Exception {
    List<List<String>> rows = Readme.read().table("| duration (ISO-8601) | printed |");
    assertTrue(rows.size() >= 15, "the table has " + rows.size() + " rows");
    List<String> expected = new ArrayList<>();
    List<String> printed = new ArrayList<>();
    for (List<String> row : rows) {
      expected.add(row.get(0) + " " + row.get(1));
      printed.add(row.get(0) + " " + Durations.format(Duration.parse(row.get(0))));
    }
    assertEquals(expected, printed);
  }
}
