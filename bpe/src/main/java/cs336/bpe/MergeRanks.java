package cs336.bpe;

import cs336.bpe.util.IntList;
import cs336.bpe.util.LongIntMap;
import java.util.Arrays;

/**
 * Applying a model's merges to one pre-token (the handout's section 2.6.2): start from one token per
 * byte, and merge again and again the adjacent pair whose merge came first in training (lowest
 * rank), leftmost first among equal pairs, until no adjacent pair has a merge. A merge's result has a
 * higher rank than its parts, so this equals applying each merge in training order to all its
 * occurrences, left to right.
 *
 * <p>Two strategies with the same result: {@link #applySmall} rescans the pair ranks after each
 * merge (quadratic, fastest for ordinary pre-tokens of a few bytes), {@link #applyLarge} keeps a linked
 * list and a heap of (rank, position) (n log n, for long runs such as thousands of spaces).
 * Immutable and shared between threads; the scratch arrays belong to the caller ({@link Scratch}).
 */
final class MergeRanks {
  static final int NONE = Integer.MAX_VALUE;
  /** Longer pre-tokens go to {@link #applyLarge}. */
  static final int SMALL = 96;

  private final LongIntMap rank;   // (left id, right id) -> rank
  private final int[] result;      // rank -> merged id
  private final int[] byteToId = new int[256];

  MergeRanks(BpeModel model) {
    int n = model.mergeCount();
    rank = new LongIntMap(n);
    result = new int[n];
    for (int r = 0; r < n; r++) {
      long key = LongIntMap.pair(model.mergeLeft(r), model.mergeRight(r));
      if (rank.get(key) == LongIntMap.MISSING) rank.put(key, r); // a repeated merge keeps its first rank
      result[r] = model.mergeResult(r);
    }
    for (int b = 0; b < 256; b++) {
      int id = model.id(new byte[] {(byte) b});
      if (id < 0) throw new IllegalArgumentException(String.format("the vocabulary has no token for byte 0x%02X", b));
      byteToId[b] = id;
    }
  }

  int byteId(int b) {
    return byteToId[b & 0xFF];
  }

  private int rankOf(int a, int b) {
    int r = rank.get(LongIntMap.pair(a, b));
    return r < 0 ? NONE : r;
  }

  /** Per-thread work arrays. */
  static final class Scratch {
    int[] ids = new int[SMALL];
    int[] ranks = new int[SMALL];
    int[] next = new int[0];
    int[] prev = new int[0];
    long[] heap = new long[0];
  }

  /** Appends the ids of pre-token {@code b[s, e)} to {@code out}. */
  void apply(byte[] b, int s, int e, Scratch sc, IntList out) {
    if (e - s <= SMALL) applySmall(b, s, e, sc, out);
    else applyLarge(b, s, e, sc, out);
  }

  void applySmall(byte[] b, int s, int e, Scratch sc, IntList out) {
    int n = e - s;
    if (sc.ids.length < n) {
      sc.ids = new int[n];
      sc.ranks = new int[n];
    }
    int[] ids = sc.ids, ranks = sc.ranks;
    for (int i = 0; i < n; i++) ids[i] = byteToId[b[s + i] & 0xFF];
    for (int i = 0; i < n - 1; i++) ranks[i] = rankOf(ids[i], ids[i + 1]);
    while (n > 1) {
      int m = 0, best = ranks[0];
      for (int i = 1; i < n - 1; i++) {
        if (ranks[i] < best) {
          best = ranks[i];
          m = i;
        }
      }
      if (best == NONE) break;
      ids[m] = result[best];
      System.arraycopy(ids, m + 2, ids, m + 1, n - m - 2);
      System.arraycopy(ranks, m + 2, ranks, m + 1, Math.max(0, n - m - 3));
      n--;
      if (m > 0) ranks[m - 1] = rankOf(ids[m - 1], ids[m]);
      if (m < n - 1) ranks[m] = rankOf(ids[m], ids[m + 1]);
    }
    out.addAll(ids, 0, n);
  }

  void applyLarge(byte[] b, int s, int e, Scratch sc, IntList out) {
    int n = e - s;
    if (sc.next.length < n) {
      sc.ids = Arrays.copyOf(sc.ids, Math.max(sc.ids.length, n));
      sc.next = new int[n];
      sc.prev = new int[n];
    }
    int[] ids = sc.ids, next = sc.next, prev = sc.prev;
    for (int i = 0; i < n; i++) {
      ids[i] = byteToId[b[s + i] & 0xFF];
      next[i] = i + 1; // n means none
      prev[i] = i - 1;
    }
    // Heap of (rank << 32 | position): lowest rank first, then leftmost. Entries go stale when a
    // neighbour merges; they are checked when they surface.
    Heap heap = new Heap(sc, n);
    for (int i = 0; i < n - 1; i++) {
      int r = rankOf(ids[i], ids[i + 1]);
      if (r != NONE) heap.push((long) r << 32 | i);
    }
    while (heap.size > 0) {
      long top = heap.pop();
      int r = (int) (top >>> 32);
      int i = (int) top;
      int j = next[i];
      if (ids[i] < 0 || j >= n || rankOf(ids[i], ids[j]) != r) continue; // stale
      ids[i] = result[r];
      ids[j] = -1; // removed
      int k = next[j];
      next[i] = k;
      if (k < n) prev[k] = i;
      int p = prev[i];
      if (p >= 0) {
        int rp = rankOf(ids[p], ids[i]);
        if (rp != NONE) heap.push((long) rp << 32 | p);
      }
      if (k < n) {
        int rk = rankOf(ids[i], ids[k]);
        if (rk != NONE) heap.push((long) rk << 32 | i);
      }
    }
    for (int i = 0; i < n; i = next[i]) out.add(ids[i]);
  }

  /** A binary min-heap of longs in the scratch array. */
  private static final class Heap {
    long[] a;
    int size;
    final Scratch sc;

    Heap(Scratch sc, int n) {
      this.sc = sc;
      if (sc.heap.length < 2 * n) sc.heap = new long[2 * n];
      a = sc.heap;
    }

    void push(long v) {
      if (size == a.length) a = sc.heap = Arrays.copyOf(a, size * 2);
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (a[parent] <= v) break;
        a[i] = a[parent];
        i = parent;
      }
      a[i] = v;
    }

    long pop() {
      long top = a[0];
      long v = a[--size];
      int i = 0;
      while (true) {
        int l = 2 * i + 1;
        if (l >= size) break;
        int c = l + 1 < size && a[l + 1] < a[l] ? l + 1 : l;
        if (a[c] >= v) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = v;
      return top;
    }
  }
}
