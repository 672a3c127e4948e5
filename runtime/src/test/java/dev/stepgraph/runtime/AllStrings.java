package dev.stepgraph.runtime;

import java.util.ArrayList;
import java.util.List;

/** Every string over a small alphabet, for checking a hand-written rule against its regex. */
public final class AllStrings {
  private AllStrings() {}

  /** Every string of 0 to {@code maxLength} characters of {@code alphabet}, shortest first. */
  public static List<String> upTo(int maxLength, String alphabet) {
    List<String> strings = new ArrayList<>(List.of(""));
    for (int length = 1, from = 0; length <= maxLength; length++) {
      int to = strings.size();
      for (int i = from; i < to; i++) {
        for (char c : alphabet.toCharArray()) {
          strings.add(strings.get(i) + c);
        }
      }
      from = to;
    }
    return strings;
  }
}
