package dev.stepgraph.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Durations print one way everywhere: the README's table of durations is the rule set, and the
 * processor's test holds its Javadoc formatting to the same table.
 */
class DurationFormatTest {
  private static final String HEADER = "| duration (ISO-8601) | printed |";
  private static final Pattern ROW = Pattern.compile("\\| `([^`]+)` \\| `([^`]+)` \\|");

  /** The table's rows, each {ISO-8601 duration, printed text}. */
  static List<String[]> readmeTable() throws Exception {
    Path root = Paths.get(System.getProperty("stepgraph.repo.root", "..")).toAbsolutePath();
    List<String> lines = Files.readAllLines(root.resolve("README.md"), StandardCharsets.UTF_8);
    int at = lines.indexOf(HEADER);
    assertTrue(at >= 0, "the README has no table of durations: " + HEADER);
    List<String[]> rows = new ArrayList<>();
    for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      Matcher row = ROW.matcher(lines.get(i));
      assertTrue(row.matches(), "not a row of the table of durations: " + lines.get(i));
      rows.add(new String[] {row.group(1), row.group(2)});
    }
    return rows;
  }

  @Test
  void everyDurationPrintsAsTheReadmeTableSays() throws Exception {
    List<String[]> rows = readmeTable();
    assertTrue(rows.size() >= 15, "the table has " + rows.size() + " rows");
    List<String> expected = new ArrayList<>();
    List<String> printed = new ArrayList<>();
    for (String[] row : rows) {
      expected.add(row[0] + " " + row[1]);
      printed.add(row[0] + " " + StepPolicy.formatDuration(Duration.parse(row[0])));
    }
    assertEquals(expected, printed);
  }

  @Test
  void theBackoffOfTheIssuePrintsRounded() {
    assertEquals("1.1s", StepPolicy.formatDuration(Duration.ofMillis(1098)));
    assertEquals("1.2s", StepPolicy.formatDuration(Duration.ofMillis(1151)));
    assertEquals("2m30s", StepPolicy.formatDuration(Duration.ofSeconds(150)));
  }

  @Test
  void theLongestDurationPrintsWithoutOverflow() {
    assertEquals(
        "2562047788015215h30m7s",
        StepPolicy.formatDuration(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)));
  }
}
