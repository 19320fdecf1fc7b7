package cs336.bpe.train;

import cs336.bpe.util.LongIntMap;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The incremental BPE merge loop over a table of distinct words (pre-tokens) with counts.
 *
 * <p>State: every word as a sequence of token ids; for every adjacent pair of tokens its count over
 * the corpus ({@code sum of word counts}) and the list of words it occurs in (the pair -> words
 * index); a max-heap of pairs by (count, bytes). Tokens {@code 0..255} are the bytes; merge {@code k}
 * creates token {@code 256 + k}.
 *
 * <p>One merge of the pair {@code (A, B)} into {@code C} visits only the words in the index of
 * {@code (A, B)}. In each it subtracts the word's count from every pair that touches {@code A} or
 * {@code B}, rewrites the word, and adds the count to every pair of the new word that touches
 * {@code A}, {@code B} or {@code C}. Pairs touching none of them are the same before and after, so
 * this updates all the counts that change and nothing else. Only pairs containing {@code C} can grow;
 * all others only shrink. That is what makes the lazy heap exact: an entry's count is never below its
 * pair's current count, so when the top entry's count equals its pair's current count, no pair can
 * beat it; stale entries are re-pushed with their current count as they surface.
 *
 * <p>Ties go to the lexicographically greater pair of byte strings, compared as Python compares the
 * tuples {@code (bytes(A), bytes(B))}: first parts first, unsigned bytes, a prefix before a longer
 * string. With that rule the result is the same as recounting every pair after every merge.
 */
public final class MergeLoop {
  // Words: the symbols of word w are sym[start[w], start[w] + len[w]).
  private final int[] sym;
  private final int[] start;
  private final int[] len;
  private final long[] wordCount;

  // Tokens: bytes of each token id.
  private byte[][] tokens = new byte[512][];
  private int tokenCount;

  // Pairs.
  private final LongIntMap pairIds;
  private int[] pairLeft = new int[1 << 16];
  private int[] pairRight = new int[1 << 16];
  private long[] pairCount = new long[1 << 16];
  private int[][] pairWords = new int[1 << 16][];
  private int[] pairWordsLen = new int[1 << 16];
  private int[] pairTouched = new int[1 << 16]; // the merge step that last created or grew the pair
  private int pairs;

  private final PairHeap heap = new PairHeap(this::compareBytes);
  private int[] touched = new int[256];
  private int touchedCount;

  private int[] mergeLeft = new int[256];
  private int[] mergeRight = new int[256];
  private int merges;

  /**
   * Builds the state from words given as byte strings: word {@code w} is
   * {@code bytes[offsets[w], offsets[w] + lengths[w])} and occurs {@code counts[w]} times.
   */
  public MergeLoop(byte[] bytes, int[] offsets, int[] lengths, long[] counts, int words) {
    long total = 0;
    for (int w = 0; w < words; w++) total += lengths[w];
    if (total > Integer.MAX_VALUE - 16) throw new IllegalStateException("more than 2 G bytes of distinct pre-tokens");
    sym = new int[(int) total];
    start = new int[words];
    len = new int[words];
    wordCount = Arrays.copyOf(counts, words);
    int at = 0;
    for (int w = 0; w < words; w++) {
      start[w] = at;
      len[w] = lengths[w];
      for (int i = 0; i < lengths[w]; i++) sym[at++] = bytes[offsets[w] + i] & 0xFF;
    }
    for (int b = 0; b < 256; b++) tokens[b] = new byte[] {(byte) b};
    tokenCount = 256;
    pairIds = new LongIntMap(1 << 16);
    for (int w = 0; w < words; w++) {
      for (int i = start[w]; i < start[w] + len[w] - 1; i++) addToPair(sym[i], sym[i + 1], wordCount[w], w, true);
    }
    for (int p = 0; p < pairs; p++) {
      if (pairCount[p] > 0) heap.push(pairCount[p], p);
    }
  }

  /** Builds the state from a piece counter (all its pieces and counts). */
  public static MergeLoop of(PieceCounter counter) {
    int n = counter.size();
    int[] off = new int[n], len = new int[n];
    long[] cnt = new long[n];
    counter.forEach((e, o, l, c) -> {
      off[e] = o;
      len[e] = l;
      cnt[e] = c;
    });
    return new MergeLoop(counter.arena(), off, len, cnt, n);
  }

  /**
   * Performs up to {@code maxMerges} merges (fewer if no pair is left), calling {@code onMerge} with
   * the number done after each.
   */
  public void run(int maxMerges, IntConsumer onMerge) {
    while (merges < maxMerges) {
      int p = nextPair();
      if (p < 0) return;
      merge(p);
      onMerge.accept(merges);
    }
  }

  public int mergeCount() {
    return merges;
  }

  /** The left part (a token id) of merge {@code k}. */
  public int mergeLeft(int k) {
    return mergeLeft[k];
  }

  public int mergeRight(int k) {
    return mergeRight[k];
  }

  /** The bytes of token {@code id} ({@code 0..255} the bytes, {@code 256 + k} made by merge k). */
  public byte[] tokenBytes(int id) {
    return tokens[id];
  }

  public int tokenCount() {
    return tokenCount;
  }

  /** The pair to merge next (highest count, then greatest bytes), or -1 when no pair is left. */
  private int nextPair() {
    while (heap.size() > 0) {
      int p = heap.topPair();
      long c = heap.topCount();
      heap.pop();
      long now = pairCount[p];
      if (now == c) return p;
      if (now > 0) heap.push(now, p); // stale: its count has dropped since it was pushed
    }
    return -1;
  }

  private void merge(int p) {
    int a = pairLeft[p], b = pairRight[p];
    int c = newToken(a, b);
    touchedCount = 0;
    int[] words = pairWords[p];
    int n = pairWordsLen[p];
    for (int k = 0; k < n; k++) mergeInWord(words[k], a, b, c);
    pairWords[p] = null; // this pair is gone for good
    pairWordsLen[p] = 0;
    for (int t = 0; t < touchedCount; t++) {
      int q = touched[t];
      if (pairCount[q] > 0) heap.push(pairCount[q], q);
    }
  }

  private int newToken(int a, int b) {
    if (tokenCount == tokens.length) tokens = Arrays.copyOf(tokens, tokenCount * 2);
    byte[] ta = tokens[a], tb = tokens[b];
    byte[] t = Arrays.copyOf(ta, ta.length + tb.length);
    System.arraycopy(tb, 0, t, ta.length, tb.length);
    tokens[tokenCount] = t;
    if (merges == mergeLeft.length) {
      mergeLeft = Arrays.copyOf(mergeLeft, merges * 2);
      mergeRight = Arrays.copyOf(mergeRight, merges * 2);
    }
    mergeLeft[merges] = a;
    mergeRight[merges] = b;
    merges++;
    return tokenCount++;
  }

  private void mergeInWord(int w, int a, int b, int c) {
    int s = start[w], e = s + len[w];
    boolean found = false;
    for (int i = s; i < e - 1; i++) {
      if (sym[i] == a && sym[i + 1] == b) {
        found = true;
        break;
      }
    }
    if (!found) return; // the index is never pruned: an earlier merge took the pair out of this word
    long n = wordCount[w];
    for (int i = s; i < e - 1; i++) {
      int x = sym[i], y = sym[i + 1];
      if (x == a || x == b || y == a || y == b) addToPair(x, y, -n, w, false);
    }
    int o = s;
    for (int i = s; i < e; ) {
      if (i + 1 < e && sym[i] == a && sym[i + 1] == b) {
        sym[o++] = c;
        i += 2;
      } else {
        sym[o++] = sym[i++];
      }
    }
    len[w] = o - s;
    for (int i = s; i < o - 1; i++) {
      int x = sym[i], y = sym[i + 1];
      if (x == c || y == c) addToPair(x, y, n, w, true);
      else if (x == a || x == b || y == a || y == b) addToPair(x, y, n, w, false);
    }
  }

  /** Adds {@code delta} to the count of pair (x, y); with {@code index}, records word w in its list. */
  private void addToPair(int x, int y, long delta, int w, boolean index) {
    long key = LongIntMap.pair(x, y);
    int p = pairIds.get(key);
    if (p == LongIntMap.MISSING) {
      p = newPair(x, y);
      pairIds.put(key, p);
    }
    pairCount[p] += delta;
    if (index) {
      int m = pairWordsLen[p];
      int[] list = pairWords[p];
      if (m == 0 || list[m - 1] != w) {
        if (list == null) list = pairWords[p] = new int[4];
        else if (m == list.length) list = pairWords[p] = Arrays.copyOf(list, m * 2);
        list[m] = w;
        pairWordsLen[p] = m + 1;
      }
      // Only pairs that contain the new token grow during a merge: queue them once per merge.
      if (pairTouched[p] != merges) {
        pairTouched[p] = merges;
        if (touchedCount == touched.length) touched = Arrays.copyOf(touched, touchedCount * 2);
        touched[touchedCount++] = p;
      }
    }
  }

  private int newPair(int x, int y) {
    if (pairs == pairLeft.length) {
      int cap = pairs * 2;
      pairLeft = Arrays.copyOf(pairLeft, cap);
      pairRight = Arrays.copyOf(pairRight, cap);
      pairCount = Arrays.copyOf(pairCount, cap);
      pairWords = Arrays.copyOf(pairWords, cap);
      pairWordsLen = Arrays.copyOf(pairWordsLen, cap);
      pairTouched = Arrays.copyOf(pairTouched, cap);
    }
    pairLeft[pairs] = x;
    pairRight[pairs] = y;
    pairTouched[pairs] = -1;
    return pairs++;
  }

  /** Positive when pair x's bytes are greater than pair y's, as Python compares (bytes, bytes). */
  private int compareBytes(int x, int y) {
    int c = Arrays.compareUnsigned(tokens[pairLeft[x]], tokens[pairLeft[y]]);
    return c != 0 ? c : Arrays.compareUnsigned(tokens[pairRight[x]], tokens[pairRight[y]]);
  }
}
