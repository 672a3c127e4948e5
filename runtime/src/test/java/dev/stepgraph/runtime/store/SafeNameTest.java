package dev.stepgraph.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.AllStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The file names the directory store gives connector and run ids. */
class SafeNameTest {

  /**
   * An id is its own file name exactly when the rule, as a regular expression, says so: every id
   * of up to 5 characters over lowercase letters, a digit, both marks, a capital, a dot and a
   * slash, and ids at the limit of 100 characters. Any other id is {@code id-} and 16 hex digits.
   */
  @Test
  void idIsItsOwnNameExactlyWhenTheRuleSaysSo() {
    Pattern rule = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}");
    List<String> ids = new ArrayList<>(AllStrings.upTo(5, "az0_-A./"));
    ids.add("a".repeat(100));
    ids.add("a".repeat(101));
    for (String id : ids) {
      String name = DirectoryRunStore.safeName(id);
      if (rule.matcher(id).matches()) {
        assertEquals(id, name);
      } else {
        assertTrue(name.matches("id-[0-9a-f]{16}"), id + " -> " + name);
      }
    }
  }
}
