package dev.stepgraph.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class AppendOnlyListTest {
  @Test
  void aViewKeepsItsElementsWhileMoreAreAppendedAndTheArrayGrows() {
    AppendOnlyList<String> list = new AppendOnlyList<>();
    assertEquals(List.of(), list.view());
    list.addAll(List.of("a", "b"));
    List<String> first = list.view();
    List<String> expected = new ArrayList<>(List.of("a", "b"));
    for (int i = 0; i < 100; i++) {
      list.addAll(List.of("x" + i, "y" + i, "z" + i));
      expected.addAll(List.of("x" + i, "y" + i, "z" + i));
    }
    List<String> last = list.view();

    assertEquals(List.of("a", "b"), first);
    assertEquals(2, first.size());
    assertEquals(expected, last);
    assertEquals(expected, new ArrayList<>(last));
    List<String> walked = new ArrayList<>();
    last.forEach(walked::add);
    assertEquals(expected, walked);
    assertEquals(expected, List.of(last.toArray()));
  }

  @Test
  void aViewIsReadOnlyAndChecksItsBounds() {
    AppendOnlyList<String> list = new AppendOnlyList<>();
    list.addAll(List.of("a", "b", "c"));
    list.addAll(List.of("d"));
    List<String> view = list.view();
    list.addAll(List.of("e"));

    assertThrows(IndexOutOfBoundsException.class, () -> view.get(4));
    assertThrows(IndexOutOfBoundsException.class, () -> view.get(-1));
    assertThrows(UnsupportedOperationException.class, () -> view.add("f"));
    assertThrows(UnsupportedOperationException.class, () -> view.set(0, "f"));
    Iterator<String> it = view.iterator();
    for (int i = 0; i < 4; i++) {
      assertTrue(it.hasNext());
      it.next();
    }
    assertThrows(NoSuchElementException.class, it::next);
  }
}
