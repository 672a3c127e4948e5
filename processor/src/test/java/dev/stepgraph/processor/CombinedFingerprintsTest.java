package dev.stepgraph.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Own fingerprints combined along the dependencies, on plain ids, no compiler involved. */
class CombinedFingerprintsTest {
  // a and b first; c after a; d after b and c; e alone
  private static final DependencyGraph GRAPH = DependencyGraph.of(
      List.of("a", "b", "c", "d", "e"), List.of(List.of(), List.of(), List.of("a"), List.of("c", "b"), List.of()));
  private static final List<List<Integer>> WAVES = Waves.byWave(Waves.levels(GRAPH));
  private static final List<String> OWN = List.of("own-a", "own-b", "own-c", "own-d", "own-e");

  private static Set<String> changedWhenOwnChanges(int step) {
    List<String> own = new ArrayList<>(OWN);
    own.set(step, own.get(step) + "'");
    List<String> before = CombinedFingerprints.of(GRAPH, WAVES, OWN);
    List<String> after = CombinedFingerprints.of(GRAPH, WAVES, own);
    Set<String> changed = new TreeSet<>();
    for (int i = 0; i < before.size(); i++) {
      if (!before.get(i).equals(after.get(i))) {
        changed.add(GRAPH.id(i));
      }
    }
    return changed;
  }

  @Test
  void aStepChangesWithItsOwnFingerprintAndWithEveryStepUpstream() {
    assertEquals(Set.of("a", "c", "d"), changedWhenOwnChanges(0));
    assertEquals(Set.of("b", "d"), changedWhenOwnChanges(1));
    assertEquals(Set.of("c", "d"), changedWhenOwnChanges(2));
    assertEquals(Set.of("d"), changedWhenOwnChanges(3));
    assertEquals(Set.of("e"), changedWhenOwnChanges(4));
  }

  @Test
  void aStepWithoutDependenciesIsTheHashOfItsOwnAndAStepWithSomeAddsThemSortedById() {
    List<String> combined = CombinedFingerprints.of(GRAPH, WAVES, OWN);
    assertEquals(StepFingerprint.sha256(StepFingerprint.newSha256(), "own own-a\n"), combined.get(0));
    assertEquals(32, combined.get(0).length());
    assertEquals(StepFingerprint.sha256(StepFingerprint.newSha256(), "own own-d\ndependency b " + combined.get(1) + "\ndependency c "
        + combined.get(2) + "\n"), combined.get(3));
    assertNotEquals(combined.get(0), combined.get(4));
  }

  @Test
  void aStepBeforeOneItDependsOnIsABug() {
    List<List<Integer>> reversed = List.of(List.of(3), List.of(2), List.of(0, 1, 4));
    assertEquals("step 'd' comes before 'b', which it depends on",
        assertThrows(IllegalArgumentException.class, () -> CombinedFingerprints.of(GRAPH, reversed, OWN)).getMessage());
    assertEquals("step 'e' is in no wave", assertThrows(IllegalArgumentException.class,
        () -> CombinedFingerprints.of(GRAPH, List.of(List.of(0, 1), List.of(2), List.of(3)), OWN)).getMessage());
  }
}
