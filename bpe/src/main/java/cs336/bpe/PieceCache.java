package cs336.bpe;

import cs336.bpe.util.ByteHash;
import cs336.bpe.util.IntList;
import java.util.Arrays;

/**
 * A per-thread cache from short pre-tokens to their token ids: most pre-tokens of real text repeat
 * (" the", ","), and looking them up is far cheaper than merging again. When full it is simply
 * emptied. Correctness never depends on it: the tests compare encoding with and without it.
 *
 * <p>Laid out for the common hit: a slot is two longs, {@code [first 8 key bytes, key length << 56 |
 * id count << 40 | the id (when there is one) or where the ids start]}, so a pre-token of up to 8
 * bytes is answered from one 16-byte slot; longer keys also compare their hash and bytes, kept aside.
 */
final class PieceCache {
  static final int MAX_KEY = 32;
  private static final int MAX_ENTRIES = 1 << 16;
  private static final int SLOTS = MAX_ENTRIES * 2;

  private final long[] tab = new long[SLOTS * 2]; // a meta word of 0 marks an empty slot
  private final int[] keyHash = new int[SLOTS];   // for keys longer than 8 bytes
  private final int[] keyOff = new int[SLOTS];
  private final byte[] keys = new byte[MAX_ENTRIES * MAX_KEY];
  private int[] vals = new int[MAX_ENTRIES * 2];
  private int size;
  private int keysUsed;
  private int valsUsed;

  /** Appends the cached ids of {@code b[s, e)} to {@code out} and returns true, or returns false. */
  boolean get(byte[] b, int s, int e, long word, int h, IntList out) {
    int len = e - s;
    int mask = SLOTS - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      long meta = tab[2 * i + 1];
      if (meta == 0) return false;
      if (tab[2 * i] != word || (int) (meta >>> 56) != len) continue;
      if (len > 8 && (keyHash[i] != h || !Arrays.equals(keys, keyOff[i], keyOff[i] + len, b, s, e))) continue;
      int n = (int) (meta >>> 40) & 0xFFFF;
      int payload = (int) meta;
      if (n == 1) out.add(payload);
      else out.addAll(vals, payload, n);
      return true;
    }
  }

  /** Remembers that {@code b[s, e)} (with the given word and hash) encodes to {@code ids[from, to)}. */
  void put(byte[] b, int s, int e, long word, int h, int[] ids, int from, int to) {
    int n = to - from;
    if (size == MAX_ENTRIES) clear();
    int mask = SLOTS - 1;
    int i = h & mask;
    while (tab[2 * i + 1] != 0) i = (i + 1) & mask;
    int payload;
    if (n == 1) {
      payload = ids[from];
    } else {
      if (valsUsed + n > vals.length) vals = Arrays.copyOf(vals, Math.max(vals.length * 2, valsUsed + n));
      System.arraycopy(ids, from, vals, valsUsed, n);
      payload = valsUsed;
      valsUsed += n;
    }
    tab[2 * i] = word;
    tab[2 * i + 1] = (long) (e - s) << 56 | (long) n << 40 | (payload & 0xFFFFFFFFL);
    if (e - s > 8) {
      System.arraycopy(b, s, keys, keysUsed, e - s);
      keyHash[i] = h;
      keyOff[i] = keysUsed;
      keysUsed += e - s;
    }
    size++;
  }

  void clear() {
    Arrays.fill(tab, 0);
    size = 0;
    keysUsed = 0;
    valsUsed = 0;
  }
}
