package cs336.bpe.pretokenize;

/**
 * Places where a text may be cut into pieces that are then pre-tokenized independently, with the
 * same pre-tokens (and special tokens) as the whole text. Parallel counting, parallel encoding and
 * streaming encoding all cut only here, which is why their results equal those of one pass.
 *
 * <p>A cut at {@code p} is safe when no special token occurrence crosses {@code p} and either a special
 * token starts at {@code p}, or {@code b[p]} is ASCII whitespace and the code point before it is not
 * whitespace. In the second case every pre-token of GPT-2's pattern ends at {@code p} or starts there:
 * letter, number and "other" runs stop at whitespace; whitespace runs cannot contain the code point
 * before {@code p}; and the one look-ahead, {@code (?!\S)}, only looks at whitespace runs, all of which
 * end before {@code p - 1}. (Cutting inside a whitespace run is not safe: {@code "\n\n"} at the end of
 * a piece is one pre-token, but before a letter it is two.)
 */
public final class SafeCuts {
  private SafeCuts() {}

  /**
   * Whether the text may be cut at {@code p}, with {@code lo < p < to} and the data known in
   * {@code b[lo, to)}; {@code to} must be at least {@code p + specials.maxLength()} unless it is the
   * end of the text, so that special tokens around {@code p} are seen whole.
   */
  public static boolean isCut(byte[] b, int lo, int p, int to, SpecialTokens specials) {
    if (p <= lo || p >= to) return false;
    boolean cut = isWhitespaceCut(b, lo, p) || (!specials.isEmpty() && specials.matchAt(b, p, to) >= 0);
    return cut && (specials.isEmpty() || !specials.spans(b, lo, p, to));
  }

  private static boolean isWhitespaceCut(byte[] b, int lo, int p) {
    int c = b[p];
    boolean asciiSpace = c == ' ' || (c >= 0x9 && c <= 0xD);
    return asciiSpace && Utf8.classBefore(b, lo, p) != CharClass.SPACE;
  }

  /** The first safe cut in {@code [from, limit)}, or -1; the data is known in {@code b[lo, to)}. */
  public static int firstCut(byte[] b, int lo, int from, int limit, int to, SpecialTokens specials) {
    for (int p = Math.max(from, lo + 1); p < limit; p++) {
      if (isCut(b, lo, p, to, specials)) return p;
    }
    return -1;
  }

  /** The last safe cut in {@code (lo, limit]}, or -1; the data is known in {@code b[lo, to)}. */
  public static int lastCut(byte[] b, int lo, int limit, int to, SpecialTokens specials) {
    for (int p = limit; p > lo; p--) {
      if (isCut(b, lo, p, to, specials)) return p;
    }
    return -1;
  }
}
