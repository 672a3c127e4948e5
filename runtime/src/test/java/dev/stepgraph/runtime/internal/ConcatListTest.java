package dev.stepgraph.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ConcatListTest {

  private final List<String> list =
      ConcatList.of(List.of(List.of("a", "b"), List.of(), List.of("c"), List.of(), List.of("d", "e")));

  @Test
  void iterationWalksThePartsInOrderSkippingEmptyOnes() {
    List<String> iterated = new ArrayList<>();
    for (String s : list) {
      iterated.add(s);
    }
    assertEquals(List.of("a", "b", "c", "d", "e"), iterated);
  }

  @Test
  void forEachGetAndIterationAgree() {
    List<String> viaForEach = new ArrayList<>();
    list.forEach(viaForEach::add);
    List<String> viaGet = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      viaGet.add(list.get(i));
    }
    assertEquals(viaGet, viaForEach);
    assertEquals(List.of("a", "b", "c", "d", "e"), viaGet);
  }

  @Test
  void anExhaustedIteratorSaysSo() {
    Iterator<String> iterator = list.iterator();
    for (int i = 0; i < 5; i++) {
      iterator.next();
    }
    assertFalse(iterator.hasNext());
    assertThrows(NoSuchElementException.class, iterator::next);
  }

  @Test
  void theViewCannotBeChanged() {
    assertThrows(UnsupportedOperationException.class, () -> list.add("f"));
  }
}
