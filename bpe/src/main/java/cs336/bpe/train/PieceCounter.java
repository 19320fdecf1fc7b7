package cs336.bpe.train;

import cs336.bpe.util.ByteHash;
import java.util.Arrays;

/**
 * Counts distinct byte strings (pre-tokens): an open-addressing hash table (linear probing, load at
 * most 1/2) whose keys are copied once into a growing byte arena, so adding a pre-token seen before
 * allocates nothing.
 *
 * <p>Counting is bound by memory latency, so one slot holds everything a hit needs in one cache line:
 * {@code [first 8 key bytes, length << 32 | entry + 1, count, hash]}. Most pre-tokens are at most 8
 * bytes long, and for them comparing the first word and the length is comparing the key: the arena
 * is not touched. One counter per worker thread; {@link #addAll} sums them.
 */
public final class PieceCounter {
  private static final int STRIDE = 4;

  private long[] tab = new long[(1 << 12) * STRIDE];
  private int mask = (1 << 12) - 1;
  private byte[] arena = new byte[1 << 16];
  private int arenaUsed;
  private int[] offset = new int[1 << 10]; // per entry: where its bytes start in the arena
  private int size;
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
    long word = ByteHash.word(b, start, len);
    int h = len <= 8 ? ByteHash.hashShort(word, len) : ByteHash.hash(b, start, len);
    long[] t = tab;
    int i = h & mask;
    while (true) {
      int s = i * STRIDE;
      long meta = t[s + 1];
      if (meta == 0) break;
      if (t[s] == word && (int) (meta >>> 32) == len
          && (len <= 8 || ((int) t[s + 3] == h && sameBytes((int) meta - 1, b, start, len)))) {
        t[s + 2] += n;
        total += n;
        return;
      }
      i = (i + 1) & mask;
    }
    int e = newEntry(b, start, len);
    int s = i * STRIDE;
    t[s] = word;
    t[s + 1] = (long) len << 32 | (e + 1);
    t[s + 2] = n;
    t[s + 3] = h;
    total += n;
    if (size * 2 > mask + 1) grow();
  }

  private boolean sameBytes(int e, byte[] b, int start, int len) {
    int o = offset[e];
    return Arrays.equals(arena, o, o + len, b, start, start + len);
  }

  private int newEntry(byte[] b, int start, int len) {
    if (size == offset.length) offset = Arrays.copyOf(offset, size * 2);
    if (arenaUsed + len > arena.length) {
      long cap = Math.max((long) arena.length * 2, (long) arenaUsed + len);
      if (cap > Integer.MAX_VALUE - 16) throw new IllegalStateException("more than 2 GB of distinct pre-tokens");
      arena = Arrays.copyOf(arena, (int) cap);
    }
    System.arraycopy(b, start, arena, arenaUsed, len);
    offset[size] = arenaUsed;
    arenaUsed += len;
    return size++;
  }

  private void grow() {
    long[] old = tab;
    int cap = (mask + 1) * 2;
    tab = new long[cap * STRIDE];
    mask = cap - 1;
    for (int s = 0; s < old.length; s += STRIDE) {
      if (old[s + 1] == 0) continue;
      int i = (int) old[s + 3] & mask;
      while (tab[i * STRIDE + 1] != 0) i = (i + 1) & mask;
      System.arraycopy(old, s, tab, i * STRIDE, STRIDE);
    }
  }

  /** Receives one piece: its bytes at {@code arena[offset, offset + length)} and its count. */
  @FunctionalInterface
  public interface EntryConsumer {
    void accept(int entry, int offset, int length, long count);
  }

  /** Calls {@code c} for every piece (in table order; entries are numbered 0..size-1). */
  public void forEach(EntryConsumer c) {
    for (int s = 0; s < tab.length; s += STRIDE) {
      long meta = tab[s + 1];
      if (meta == 0) continue;
      int e = (int) meta - 1;
      c.accept(e, offset[e], (int) (meta >>> 32), tab[s + 2]);
    }
  }

  /** Adds every piece of {@code other} with its count. */
  public void addAll(PieceCounter other) {
    other.forEach((e, off, len, count) -> add(other.arena, off, off + len, count));
  }

  /** The arena that {@link #forEach} offsets point into. */
  public byte[] arena() {
    return arena;
  }
}
