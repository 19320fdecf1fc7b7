package cs336.bpe.util;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Hashing short byte strings (pre-tokens) fast: eight bytes at a time, and for strings of at most 8
 * bytes one word that is both the key to compare and the input of the hash. The pre-token counter and
 * the encoder's cache both key their tables this way.
 */
public final class ByteHash {
  private ByteHash() {}

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** The first (up to) 8 bytes of {@code b[start, start + len)} as a little-endian word, zero-padded. */
  public static long word(byte[] b, int start, int len) {
    if (start + 8 <= b.length) {
      long w = (long) LONGS.get(b, start);
      return len >= 8 ? w : w & ((1L << (8 * len)) - 1);
    }
    long w = 0;
    for (int k = 0; k < Math.min(len, 8); k++) w |= (long) (b[start + k] & 0xFF) << (8 * k);
    return w;
  }

  /** Hash of a string of at most 8 bytes given as its {@link #word}. */
  public static int hashShort(long word, int len) {
    long h = (word + len) * 0x9E3779B97F4A7C15L;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    return (int) (h ^ (h >>> 32));
  }

  /** Hash of {@code b[start, start + len)}; equals {@link #hashShort} of its word when {@code len <= 8}. */
  public static int hash(byte[] b, int start, int len) {
    if (len <= 8) return hashShort(word(b, start, len), len);
    long h = 0x9E3779B97F4A7C15L * (len + 1);
    int i = start;
    int end = start + len;
    for (; i + 8 <= end; i += 8) {
      h = Long.rotateLeft(h ^ (long) LONGS.get(b, i), 29) * 0xBF58476D1CE4E5B9L;
    }
    if (i < end) h = Long.rotateLeft(h ^ (long) LONGS.get(b, end - 8), 29) * 0xBF58476D1CE4E5B9L; // overlapping tail
    h *= 0x94D049BB133111EBL;
    h ^= h >>> 31;
    h *= 0xBF58476D1CE4E5B9L;
    return (int) (h ^ (h >>> 32));
  }
}
