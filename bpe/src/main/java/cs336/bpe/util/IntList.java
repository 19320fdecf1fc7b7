package cs336.bpe.util;

import java.util.Arrays;

/** A growable array of {@code int}s (token ids), without boxing. */
public final class IntList {
  private int[] a;
  private int size;

  public IntList() {
    this(16);
  }

  public IntList(int capacity) {
    a = new int[Math.max(capacity, 4)];
  }

  public int size() {
    return size;
  }

  public int get(int i) {
    if (i >= size) throw new IndexOutOfBoundsException(i + " >= size " + size);
    return a[i];
  }

  /** The backing array; valid up to {@link #size()}, replaced when the list grows. */
  public int[] raw() {
    return a;
  }

  public void add(int v) {
    if (size == a.length) a = Arrays.copyOf(a, a.length * 2);
    a[size++] = v;
  }

  /** Appends {@code src[off, off + n)}. */
  public void addAll(int[] src, int off, int n) {
    ensure(size + n);
    System.arraycopy(src, off, a, size, n);
    size += n;
  }

  public void addAll(IntList other) {
    addAll(other.a, 0, other.size);
  }

  public void ensure(int capacity) {
    if (capacity > a.length) a = Arrays.copyOf(a, Math.max(capacity, a.length * 2));
  }

  public void clear() {
    size = 0;
  }

  public int[] toArray() {
    return Arrays.copyOf(a, size);
  }
}
