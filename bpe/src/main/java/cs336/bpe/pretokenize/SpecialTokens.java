package cs336.bpe.pretokenize;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Special tokens (e.g. {@code <|endoftext|>}) and how they split a text before pre-tokenization:
 * the leftmost occurrence wins, and among occurrences at the same place the longest, so that
 * {@code <|endoftext|><|endoftext|>}, when it is declared as a token of its own, comes out as one
 * token rather than two. (This is what Python's {@code re.split} does with the alternatives sorted
 * longest first.) Special tokens never take part in merges.
 */
public final class SpecialTokens {
  private final List<String> declared; // in the order given, duplicates removed
  private final byte[][] byLength;     // longest first, then by declaration order
  private final int[] declaredIndex;   // byLength[k] is declared.get(declaredIndex[k])
  private final boolean[] firstByte = new boolean[256];
  private final int maxLength;

  public SpecialTokens(List<String> tokens) {
    List<String> unique = new ArrayList<>(new LinkedHashSet<>(tokens));
    for (String t : unique) {
      if (t.isEmpty()) throw new IllegalArgumentException("a special token may not be empty");
    }
    this.declared = List.copyOf(unique);
    Integer[] order = new Integer[unique.size()];
    for (int k = 0; k < order.length; k++) order[k] = k;
    byte[][] utf8 = unique.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    Arrays.sort(order, Comparator.comparingInt((Integer k) -> -utf8[k].length).thenComparingInt(k -> k));
    byLength = new byte[order.length][];
    declaredIndex = new int[order.length];
    int max = 0;
    for (int k = 0; k < order.length; k++) {
      byLength[k] = utf8[order[k]];
      declaredIndex[k] = order[k];
      firstByte[byLength[k][0] & 0xFF] = true;
      max = Math.max(max, byLength[k].length);
    }
    maxLength = max;
  }

  public static SpecialTokens none() {
    return new SpecialTokens(List.of());
  }

  /** The special tokens in the order they were declared (without duplicates). */
  public List<String> tokens() {
    return declared;
  }

  public int count() {
    return declared.size();
  }

  public boolean isEmpty() {
    return declared.isEmpty();
  }

  /** Length in bytes of the longest special token (0 when there are none). */
  public int maxLength() {
    return maxLength;
  }

  /**
   * The special token that matches at {@code b[p]} (the longest one), as its index in
   * {@link #tokens()}, or -1. Reads nothing at or after {@code to}.
   */
  public int matchAt(byte[] b, int p, int to) {
    if (!firstByte[b[p] & 0xFF]) return -1;
    for (int k = 0; k < byLength.length; k++) {
      byte[] t = byLength[k];
      if (p + t.length <= to && Arrays.equals(b, p, p + t.length, t, 0, t.length)) return declaredIndex[k];
    }
    return -1;
  }

  /** Length in bytes of special token {@code index} (an index into {@link #tokens()}). */
  public int length(int index) {
    for (int k = 0; k < byLength.length; k++) {
      if (declaredIndex[k] == index) return byLength[k].length;
    }
    throw new IndexOutOfBoundsException(index);
  }

  /** Receives the pieces of a text: plain text ranges and special tokens, in order. */
  public interface Sink {
    /** A range of ordinary text, to be pre-tokenized (never empty). */
    void text(byte[] b, int start, int end);

    /** An occurrence of special token {@code index} (into {@link #tokens()}) at {@code b[start, end)}. */
    void special(int index, int start, int end);
  }

  /** Splits {@code b[from, to)} into ordinary text and special tokens, leftmost-longest. */
  public void split(byte[] b, int from, int to, Sink sink) {
    int textStart = from;
    if (!isEmpty()) {
      for (int p = from; p < to; p++) {
        if (!firstByte[b[p] & 0xFF]) continue;
        int k = matchAt(b, p, to);
        if (k < 0) continue;
        if (p > textStart) sink.text(b, textStart, p);
        int end = p + length(k);
        sink.special(k, p, end);
        textStart = end;
        p = end - 1;
      }
    }
    if (to > textStart) sink.text(b, textStart, to);
  }

  /**
   * Whether an occurrence of some special token starts in {@code [max(lo, p - maxLength + 1), p)} and
   * ends after {@code p}, i.e. whether cutting the text at {@code p} could cut through a special token.
   */
  public boolean spans(byte[] b, int lo, int p, int to) {
    for (int r = Math.max(lo, p - maxLength + 1); r < p; r++) {
      if (!firstByte[b[r] & 0xFF]) continue;
      for (byte[] t : byLength) {
        if (r + t.length > p && r + t.length <= to && Arrays.equals(b, r, r + t.length, t, 0, t.length)) return true;
      }
    }
    return false;
  }
}
