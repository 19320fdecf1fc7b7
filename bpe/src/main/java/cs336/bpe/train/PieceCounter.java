package cs336.bpe.train;

import cs336.bpe.util.ByteHash;
import java.util.Arrays;

/**
 * Counts distinct byte strings (pre-tokens): an open-addressing hash table whose keys live in one
 * growing byte arena, so adding a pre-token seen before costs one hash and one comparison and
 * allocates nothing. One counter per worker thread; {@link #addAll} sums them.
 */
public final class PieceCounter {
  private byte[] arena = new byte[1 << 16];
  private int arenaUsed;
  private int[] offset = new int[1 << 10];
  private int[] length = new int[1 << 10];
  private int[] hash = new int[1 << 10];
  private long[] count = new long[1 << 10];
  private int size;
  private int[] slots = new int[1 << 11]; // entry + 1; 0 is empty
  private long total;

  /** Number of distinct pieces. */
  public int size() {
    return size;
  }

  /** Sum of all counts (pre-tokens seen). */
  public long total() {
    return total;
  }

  /** Adds {@code n} occurrences of {@code b[start, end)}. */
  public void add(byte[] b, int start, int end, long n) {
    int len = end - start;
    int h = ByteHash.hash(b, start, len);
    int mask = slots.length - 1;
    int i = h & mask;
    while (true) {
      int e = slots[i] - 1;
      if (e < 0) break;
      if (hash[e] == h && length[e] == len
          && Arrays.equals(arena, offset[e], offset[e] + len, b, start, end)) {
        count[e] += n;
        total += n;
        return;
      }
      i = (i + 1) & mask;
    }
    int e = newEntry(b, start, len, h);
    count[e] = n;
    total += n;
    slots[i] = e + 1;
    if (size * 2 > slots.length) rehash();
  }

  private int newEntry(byte[] b, int start, int len, int h) {
    if (size == offset.length) {
      int cap = size * 2;
      offset = Arrays.copyOf(offset, cap);
      length = Arrays.copyOf(length, cap);
      hash = Arrays.copyOf(hash, cap);
      count = Arrays.copyOf(count, cap);
    }
    if (arenaUsed + len > arena.length) {
      long cap = Math.max((long) arena.length * 2, (long) arenaUsed + len);
      if (cap > Integer.MAX_VALUE - 16) throw new IllegalStateException("more than 2 GB of distinct pre-tokens");
      arena = Arrays.copyOf(arena, (int) cap);
    }
    System.arraycopy(b, start, arena, arenaUsed, len);
    int e = size++;
    offset[e] = arenaUsed;
    length[e] = len;
    hash[e] = h;
    arenaUsed += len;
    return e;
  }

  private void rehash() {
    slots = new int[slots.length * 2];
    int mask = slots.length - 1;
    for (int e = 0; e < size; e++) {
      int i = hash[e] & mask;
      while (slots[i] != 0) i = (i + 1) & mask;
      slots[i] = e + 1;
    }
  }

  /** Adds every piece of {@code other} with its count. */
  public void addAll(PieceCounter other) {
    for (int e = 0; e < other.size; e++) {
      add(other.arena, other.offset[e], other.offset[e] + other.length[e], other.count[e]);
    }
  }

  /** The bytes of piece {@code e} (0 <= e < size) live in {@code arena()[offset(e), offset(e) + length(e))}. */
  public byte[] arena() {
    return arena;
  }

  public int offset(int e) {
    return offset[e];
  }

  public int length(int e) {
    return length[e];
  }

  public long count(int e) {
    return count[e];
  }
}
