package cs336.bpe.pretokenize;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * GPT-2's pre-tokenizer: the regular expression {@link #GPT2_PATTERN} written out by hand as a
 * scanner over UTF-8 bytes. It gives exactly the matches that {@code java.util.regex} finds with
 * {@link #regex()} (proven on generated strings and real text in the tests), several times faster and
 * without building Strings: each pre-token is reported as a byte range.
 *
 * <p>The pattern's alternatives, tried in order at each position, and how the scanner does them:
 * <ol>
 *   <li>{@code '(?:[sdmt]|ll|ve|re)} a contraction, 2 or 3 bytes after an apostrophe;
 *   <li>{@code ?\p{L}+}, {@code ?\p{N}+}, {@code ?[^\s\p{L}\p{N}]+}: an optional single space (U+0020
 *       only) and then a maximal run of one class: letters, numbers or "other";
 *   <li>{@code \s+(?!\S)}: a run of whitespace not followed by a non-space: at the end of the text the
 *       whole run, before a non-space the run without its last code point, which then starts the next
 *       pre-token (a space joins the word after it; any other whitespace stands alone, alternative 4);
 *   <li>{@code \s+}: a run of one whitespace code point before a non-space.
 * </ol>
 */
public final class PreTokenizer {
  private PreTokenizer() {}

  /** GPT-2's pre-tokenization pattern, as in the handout. */
  public static final String GPT2_PATTERN =
      "'(?:[sdmt]|ll|ve|re)| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

  /**
   * The pattern compiled as the reference: {@code UNICODE_CHARACTER_CLASS} is what makes {@code \s}
   * mean Unicode White_Space, as in Python's {@code regex} module; without it {@code \s} is ASCII only.
   */
  public static Pattern regex() {
    return Pattern.compile(GPT2_PATTERN, Pattern.UNICODE_CHARACTER_CLASS);
  }

  /** Receives pre-tokens as byte ranges {@code b[start, end)}. */
  @FunctionalInterface
  public interface PieceSink {
    void piece(byte[] b, int start, int end);
  }

  /** Reports every pre-token of {@code b[from, to)} to {@code sink}, in order, covering the range. */
  public static void split(byte[] b, int from, int to, PieceSink sink) {
    int i = from;
    while (i < to) {
      int start = i;
      int b0 = b[i];
      if (b0 == '\'') {
        int n = contraction(b, i, to);
        if (n > 0) {
          sink.piece(b, i, i + n);
          i += n;
          continue;
        }
      }
      int d = b0 >= 0 ? b0 << 3 | 1 : Utf8.decode(b, i, to);
      int cls = b0 >= 0 ? CharClass.ascii(b0) : CharClass.of(Utf8.codePoint(d));
      if (cls != CharClass.SPACE) {
        i = runEnd(b, i + Utf8.length(d), to, cls);
        sink.piece(b, start, i);
        continue;
      }
      if (b0 == ' ' && i + 1 < to) {
        // " ?\p{L}+" and friends: a single space joins the run that follows it.
        int next = classAt(b, i + 1, to);
        if (next != CharClass.SPACE) {
          i = runEnd(b, i + 1, to, next);
          sink.piece(b, start, i);
          continue;
        }
      }
      // A whitespace run [start, j); `last` is where its last code point starts.
      int last = i;
      int j = i + Utf8.length(d);
      while (j < to) {
        int bj = b[j];
        int dj = bj >= 0 ? bj << 3 | 1 : Utf8.decode(b, j, to);
        int cj = bj >= 0 ? CharClass.ascii(bj) : CharClass.of(Utf8.codePoint(dj));
        if (cj != CharClass.SPACE) break;
        last = j;
        j += Utf8.length(dj);
      }
      // "\s+(?!\S)": before a non-space, give back the last code point (when there is more than one).
      int end = (j < to && last > start) ? last : j;
      sink.piece(b, start, end);
      i = end;
    }
  }

  /** Convenience for tests and small inputs: the pre-tokens of {@code b[from, to)} as byte ranges. */
  public static List<int[]> ranges(byte[] b, int from, int to) {
    List<int[]> out = new ArrayList<>();
    split(b, from, to, (bb, s, e) -> out.add(new int[] {s, e}));
    return out;
  }

  /** Length of the contraction {@code 's 'd 'm 't 'll 've 're} at {@code b[i] == '\''}, or 0. */
  private static int contraction(byte[] b, int i, int to) {
    if (i + 1 >= to) return 0;
    int c1 = b[i + 1];
    if (c1 == 's' || c1 == 'd' || c1 == 'm' || c1 == 't') return 2;
    if (i + 2 >= to) return 0;
    int c2 = b[i + 2];
    if ((c1 == 'l' && c2 == 'l') || (c1 == 'v' && c2 == 'e') || (c1 == 'r' && c2 == 'e')) return 3;
    return 0;
  }

  private static int classAt(byte[] b, int i, int to) {
    int bi = b[i];
    return bi >= 0 ? CharClass.ascii(bi) : CharClass.of(Utf8.codePoint(Utf8.decode(b, i, to)));
  }

  /** The end of the maximal run of class {@code cls} that continues at {@code j}. */
  private static int runEnd(byte[] b, int j, int to, int cls) {
    while (j < to) {
      int bj = b[j];
      if (bj >= 0) {
        if (CharClass.ascii(bj) != cls) return j;
        j++;
      } else {
        int d = Utf8.decode(b, j, to);
        if (CharClass.of(Utf8.codePoint(d)) != cls) return j;
        j += Utf8.length(d);
      }
    }
    return j;
  }
}
