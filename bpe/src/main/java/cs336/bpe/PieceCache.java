package cs336.bpe;

import cs336.bpe.util.ByteHash;
import cs336.bpe.util.IntList;
import java.util.Arrays;

/**
 * A per-thread cache from short pre-tokens to their token ids: most pre-tokens of real text repeat
 * (" the", ","), and looking them up is far cheaper than merging again. Keys and values live in two
 * arenas; when the cache is full it is simply emptied. Correctness never depends on it: the tests
 * compare encoding with and without it.
 */
final class PieceCache {
  static final int MAX_KEY = 32;
  private static final int MAX_ENTRIES = 1 << 16;

  private final int[] slots = new int[MAX_ENTRIES * 2]; // entry + 1; 0 is empty
  private final int[] keyOff = new int[MAX_ENTRIES];
  private final int[] keyLen = new int[MAX_ENTRIES];
  private final int[] hashes = new int[MAX_ENTRIES];
  private final int[] valOff = new int[MAX_ENTRIES];
  private final int[] valLen = new int[MAX_ENTRIES];
  private final byte[] keys = new byte[MAX_ENTRIES * MAX_KEY];
  private int[] vals = new int[MAX_ENTRIES * 4];
  private int size;
  private int keysUsed;
  private int valsUsed;

  /** Appends the cached ids of {@code b[s, e)} to {@code out} and returns true, or returns false. */
  boolean get(byte[] b, int s, int e, int h, IntList out) {
    int mask = slots.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int x = slots[i] - 1;
      if (x < 0) return false;
      if (hashes[x] == h && keyLen[x] == e - s && Arrays.equals(keys, keyOff[x], keyOff[x] + e - s, b, s, e)) {
        out.addAll(vals, valOff[x], valLen[x]);
        return true;
      }
    }
  }

  /** Remembers that {@code b[s, e)} encodes to {@code ids[from, to)}. */
  void put(byte[] b, int s, int e, int h, int[] ids, int from, int to) {
    int n = to - from;
    if (size == MAX_ENTRIES) clear();
    if (valsUsed + n > vals.length) vals = Arrays.copyOf(vals, Math.max(vals.length * 2, valsUsed + n));
    int mask = slots.length - 1;
    int i = h & mask;
    while (slots[i] != 0) i = (i + 1) & mask;
    int x = size++;
    keyOff[x] = keysUsed;
    keyLen[x] = e - s;
    hashes[x] = h;
    System.arraycopy(b, s, keys, keysUsed, e - s);
    keysUsed += e - s;
    valOff[x] = valsUsed;
    valLen[x] = n;
    System.arraycopy(ids, from, vals, valsUsed, n);
    valsUsed += n;
    slots[i] = x + 1;
  }

  static int hash(byte[] b, int s, int e) {
    return ByteHash.hash(b, s, e - s);
  }

  void clear() {
    Arrays.fill(slots, 0);
    size = 0;
    keysUsed = 0;
    valsUsed = 0;
  }
}
