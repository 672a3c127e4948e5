package dev.stepgraph.runtime.internal;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.function.Consumer;

/**
 * A read-only view of several lists one after the other; {@code get} is a binary search, iteration
 * walks the parts.
 */
public final class ConcatList<T> extends AbstractList<T> implements RandomAccess {
  private final List<List<T>> parts;
  private final int[] starts;
  private final int size;

  private ConcatList(List<List<T>> parts) {
    this.parts = parts;
    this.starts = new int[parts.size()];
    int total = 0;
    for (int i = 0; i < parts.size(); i++) {
      starts[i] = total;
      total += parts.get(i).size();
    }
    this.size = total;
  }

  /** A view of the parts, which must not change afterwards; empty parts are dropped. */
  public static <T> List<T> of(List<List<T>> parts) {
    List<List<T>> nonEmpty = new ArrayList<>(parts.size());
    for (List<T> part : parts) {
      if (!part.isEmpty()) {
        nonEmpty.add(part);
      }
    }
    if (nonEmpty.isEmpty()) {
      return List.of();
    }
    if (nonEmpty.size() == 1) {
      return Collections.unmodifiableList(nonEmpty.get(0));
    }
    return new ConcatList<>(nonEmpty);
  }

  @Override
  public T get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + ", size " + size);
    }
    int found = Arrays.binarySearch(starts, index);
    int part = found >= 0 ? found : -found - 2;
    return parts.get(part).get(index - starts[part]);
  }

  @Override
  public int size() {
    return size;
  }

  /** Walks the parts one after the other: no binary search per element. */
  @Override
  public Iterator<T> iterator() {
    return new Iterator<>() {
      private int part;
      private Iterator<T> current = parts.get(0).iterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && part + 1 < parts.size()) {
          current = parts.get(++part).iterator();
        }
        return current.hasNext();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  @Override
  public void forEach(Consumer<? super T> action) {
    for (List<T> part : parts) {
      part.forEach(action);
    }
  }
}
