package dev.stepgraph.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** "Did you mean", as --step and --connector use it. */
class SuggestionsTest {
  private static final List<String> STEPS =
      List.of("users", "roles", "hosts", "policies", "services", "relationships");

  @Test
  void distanceCountsInsertionsDeletionsAndSubstitutions() {
    assertEquals(0, Suggestions.distance("roles", "roles"));
    assertEquals(1, Suggestions.distance("role", "roles"));
    assertEquals(1, Suggestions.distance("roles", "role"));
    assertEquals(1, Suggestions.distance("rolex", "roles"));
    assertEquals(2, Suggestions.distance("rloes", "roles"), "a swap is two edits here");
    assertEquals(5, Suggestions.distance("", "roles"));
    assertEquals(3, Suggestions.distance("kitten", "sitting"));
  }

  @Test
  void theClosestCandidateWithinTwoEditsOrAThirdOfTheLengthIsSuggested() {
    assertEquals("policies", Suggestions.closest("polices", STEPS));
    assertEquals("hosts", Suggestions.closest("hsts", STEPS));
    assertEquals("hosts", Suggestions.closest("xxsts", STEPS), "2 edits from hosts");
    assertNull(Suggestions.closest("xxxts", STEPS), "3 edits from every step id");
    // 12 characters allow 4 edits: 3 substitutions and an insertion make "relationships".
    assertEquals("relationships", Suggestions.closest("relaxxxships", STEPS));
    assertNull(Suggestions.closest("relaxxxshixs", STEPS), "5 edits");
    assertNull(Suggestions.closest("zzzzzzzz", STEPS));
    assertNull(Suggestions.closest("users", List.of()));
  }

  @Test
  void amongEquallyCloseCandidatesTheFirstWins() {
    assertEquals("hosts", Suggestions.closest("posts", List.of("hosts", "posta")));
    assertEquals("posta", Suggestions.closest("posts", List.of("posta", "hosts")));
  }

  @Test
  void didYouMeanIsTheClauseOfTheErrorLine() {
    assertEquals("; did you mean 'policies'?", Suggestions.didYouMean("polices", STEPS));
    assertEquals("", Suggestions.didYouMean("zzzzzzzz", STEPS));
  }
}
