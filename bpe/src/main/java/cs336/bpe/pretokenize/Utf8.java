package cs336.bpe.pretokenize;

/**
 * Decoding one code point of UTF-8 at a time, as the scanners need it. A byte that does not start a
 * well-formed sequence (a stray continuation byte, an overlong form, a surrogate, a truncated
 * sequence) decodes as U+FFFD of length 1, and the scanner moves on by one byte: malformed input is
 * kept byte for byte (byte-level BPE can still encode it) and pre-tokenized as punctuation would be.
 */
public final class Utf8 {
  private Utf8() {}

  /** What {@link #decode} returns for a malformed byte: U+FFFD, length 1. */
  public static final int MALFORMED = 0xFFFD << 3 | 1;

  /** The code point of a {@link #decode} result. */
  public static int codePoint(int decoded) {
    return decoded >>> 3;
  }

  /** The length in bytes (1..4) of a {@link #decode} result. */
  public static int length(int decoded) {
    return decoded & 7;
  }

  /**
   * Decodes the code point starting at {@code b[i]}, reading no byte at or after {@code end}.
   *
   * @return {@code codePoint << 3 | lengthInBytes}, or {@link #MALFORMED}
   */
  public static int decode(byte[] b, int i, int end) {
    int b0 = b[i] & 0xFF;
    if (b0 < 0x80) return b0 << 3 | 1;
    if (b0 < 0xC2) return MALFORMED; // continuation byte, or the lead of an overlong 2-byte form
    if (b0 < 0xE0) {
      if (i + 1 >= end || !cont(b[i + 1])) return MALFORMED;
      return ((b0 & 0x1F) << 6 | (b[i + 1] & 0x3F)) << 3 | 2;
    }
    if (b0 < 0xF0) {
      if (i + 2 >= end || !cont(b[i + 1]) || !cont(b[i + 2])) return MALFORMED;
      int cp = (b0 & 0x0F) << 12 | (b[i + 1] & 0x3F) << 6 | (b[i + 2] & 0x3F);
      if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return MALFORMED;
      return cp << 3 | 3;
    }
    if (b0 < 0xF5) {
      if (i + 3 >= end || !cont(b[i + 1]) || !cont(b[i + 2]) || !cont(b[i + 3])) return MALFORMED;
      int cp = (b0 & 0x07) << 18 | (b[i + 1] & 0x3F) << 12 | (b[i + 2] & 0x3F) << 6 | (b[i + 3] & 0x3F);
      if (cp < 0x10000 || cp > 0x10FFFF) return MALFORMED;
      return cp << 3 | 4;
    }
    return MALFORMED;
  }

  /** Whether {@code x} is a continuation byte (10xxxxxx). */
  public static boolean cont(byte x) {
    return (x & 0xC0) == 0x80;
  }

  /**
   * The class of the code point that ends just before {@code p} as the forward scanner sees it
   * (reading nothing before {@code lo}). A malformed byte is {@link CharClass#OTHER}.
   */
  static int classBefore(byte[] b, int lo, int p) {
    int last = b[p - 1];
    if (last >= 0) return CharClass.ascii(last);
    // Every byte that is not a continuation byte starts a code point for the forward scanner, so
    // step back over at most three continuation bytes and decode from there.
    int s = p - 1;
    while (s > lo && s > p - 4 && cont(b[s])) s--;
    int d = decode(b, s, p);
    if (d == MALFORMED || s + length(d) != p) return CharClass.OTHER;
    return CharClass.of(codePoint(d));
  }
}
