package dev.stepgraph.runtime.internal;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.function.Consumer;

/**
 * The elements of one type committed so far, in one flat array that only grows at its end, and
 * read-only views of a prefix of it ({@link #view}). A view never changes: appending writes past
 * every view's end, and an array that must grow is copied, the views keeping the old one. Reading
 * a view is reading an array, as fast as an {@code ArrayList}, where a view over the parts of each
 * step had to walk from part to part.
 *
 * <p>One thread appends; views are handed to other threads through what publishes the snapshot
 * that holds them (a happens-before edge), so they see every element of their prefix.
 */
final class AppendOnlyList<T> {
  private Object[] elements = new Object[0];
  private int size;

  void addAll(List<T> more) {
    int needed = size + more.size();
    if (needed > elements.length) {
      elements = Arrays.copyOf(elements, Math.max(needed, elements.length + (elements.length >> 1)));
    }
    for (T element : more) {
      elements[size++] = element;
    }
  }

  /** The elements appended so far, as an immutable list. */
  List<T> view() {
    return size == 0 ? List.of() : new View<>(elements, size);
  }

  /** A prefix of the array. */
  private static final class View<T> extends AbstractList<T> implements RandomAccess {
    private final Object[] elements;
    private final int size;

    View(Object[] elements, int size) {
      this.elements = elements;
      this.size = size;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
      if (index < 0 || index >= size) {
        throw new IndexOutOfBoundsException("index " + index + ", size " + size);
      }
      return (T) elements[index];
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public Iterator<T> iterator() {
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return next < size;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T next() {
          if (next >= size) {
            throw new NoSuchElementException();
          }
          return (T) elements[next++];
        }
      };
    }

    @Override
    @SuppressWarnings("unchecked")
    public void forEach(Consumer<? super T> action) {
      for (int i = 0; i < size; i++) {
        action.accept((T) elements[i]);
      }
    }

    @Override
    public Object[] toArray() {
      return Arrays.copyOf(elements, size);
    }
  }
}
