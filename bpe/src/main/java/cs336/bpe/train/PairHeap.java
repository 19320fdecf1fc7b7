package cs336.bpe.train;

import java.util.Arrays;

/**
 * A binary max-heap of (count, pair) entries, ordered by count and then by a tie-break between
 * pairs. It is lazy: an entry keeps the count its pair had when it was pushed, and the merge loop
 * checks it against the pair's current count when it reaches the top (see {@link MergeLoop}).
 */
final class PairHeap {
  /** Order of pairs with equal counts: positive when pair {@code x} goes first. */
  @FunctionalInterface
  interface TieBreak {
    int compare(int x, int y);
  }

  private long[] counts = new long[1 << 12];
  private int[] pairs = new int[1 << 12];
  private int size;
  private final TieBreak tieBreak;

  PairHeap(TieBreak tieBreak) {
    this.tieBreak = tieBreak;
  }

  int size() {
    return size;
  }

  long topCount() {
    return counts[0];
  }

  int topPair() {
    return pairs[0];
  }

  /** Whether entry i goes before entry j. */
  private boolean above(int i, int j) {
    if (counts[i] != counts[j]) return counts[i] > counts[j];
    return tieBreak.compare(pairs[i], pairs[j]) > 0;
  }

  void push(long count, int pair) {
    if (size == counts.length) {
      counts = Arrays.copyOf(counts, size * 2);
      pairs = Arrays.copyOf(pairs, size * 2);
    }
    counts[size] = count;
    pairs[size] = pair;
    siftUp(size++);
  }

  void pop() {
    size--;
    counts[0] = counts[size];
    pairs[0] = pairs[size];
    if (size > 0) siftDown(0);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!above(i, parent)) return;
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) return;
      int best = l + 1 < size && above(l + 1, l) ? l + 1 : l;
      if (!above(best, i)) return;
      swap(i, best);
      i = best;
    }
  }

  private void swap(int i, int j) {
    long c = counts[i];
    counts[i] = counts[j];
    counts[j] = c;
    int p = pairs[i];
    pairs[i] = pairs[j];
    pairs[j] = p;
  }
}
