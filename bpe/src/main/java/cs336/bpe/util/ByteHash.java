package cs336.bpe.util;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** A fast hash of short byte strings (pre-tokens), eight bytes at a time. */
public final class ByteHash {
  private ByteHash() {}

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Hash of {@code b[start, start + len)}. */
  public static int hash(byte[] b, int start, int len) {
    long h = 0x9E3779B97F4A7C15L * (len + 1);
    int i = start;
    int end = start + len;
    for (; i + 8 <= end; i += 8) {
      h = Long.rotateLeft(h ^ (long) LONGS.get(b, i), 29) * 0xBF58476D1CE4E5B9L;
    }
    long tail = 0;
    for (int s = 0; i < end; i++, s += 8) tail |= (long) (b[i] & 0xFF) << s;
    h = (h ^ tail) * 0x94D049BB133111EBL;
    h ^= h >>> 31;
    h *= 0xBF58476D1CE4E5B9L;
    return (int) (h ^ (h >>> 32));
  }
}
