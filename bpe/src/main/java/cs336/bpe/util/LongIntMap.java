package cs336.bpe.util;

import java.util.Arrays;

/**
 * An open-addressing hash map from {@code long} keys to non-negative {@code int} values (linear
 * probing, power-of-two table, load at most 1/2). Used for pair -> pair id in the trainer and pair ->
 * merge rank in the tokenizer, where a {@code HashMap<Long, Integer>} would box every lookup.
 */
public final class LongIntMap {
  /** Returned by {@link #get} for a missing key. */
  public static final int MISSING = -1;

  private long[] keys;
  private int[] values; // MISSING marks an empty slot
  private int size;
  private int mask;

  public LongIntMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
    keys = new long[cap];
    values = new int[cap];
    Arrays.fill(values, MISSING);
    mask = cap - 1;
  }

  public int size() {
    return size;
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 29)) & mask;
  }

  /** The value of {@code key}, or {@link #MISSING}. */
  public int get(long key) {
    int i = slot(key, mask);
    while (true) {
      int v = values[i];
      if (v == MISSING || keys[i] == key) return v;
      i = (i + 1) & mask;
    }
  }

  /** Sets {@code key} to {@code value} (which must be >= 0). */
  public void put(long key, int value) {
    if (value < 0) throw new IllegalArgumentException("values must be >= 0, got " + value);
    int i = slot(key, mask);
    while (values[i] != MISSING && keys[i] != key) i = (i + 1) & mask;
    if (values[i] == MISSING) {
      size++;
    }
    keys[i] = key;
    values[i] = value;
    if (size * 2 > keys.length) grow();
  }

  private void grow() {
    long[] oldK = keys;
    int[] oldV = values;
    keys = new long[oldK.length * 2];
    values = new int[oldK.length * 2];
    Arrays.fill(values, MISSING);
    mask = keys.length - 1;
    for (int j = 0; j < oldK.length; j++) {
      if (oldV[j] == MISSING) continue;
      int i = slot(oldK[j], mask);
      while (values[i] != MISSING) i = (i + 1) & mask;
      keys[i] = oldK[j];
      values[i] = oldV[j];
    }
  }

  /** Packs two non-negative ints (a pair of token ids) into one key. */
  public static long pair(int a, int b) {
    return ((long) a << 32) | (b & 0xFFFFFFFFL);
  }
}
