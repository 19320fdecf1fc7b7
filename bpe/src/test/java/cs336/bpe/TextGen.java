package cs336.bpe;

import java.util.Random;

/**
 * Random strings for the edge cases of pre-tokenization: every Unicode category, runs of spaces,
 * newlines and tabs before letters and digits, contractions, emoji, unusual whitespace.
 */
public final class TextGen {
  private TextGen() {}

  private static final String[] PIECES = {
    " ", " ", " ", "  ", "   ", "\n", "\n\n", "\t", "\r\n", " \n", "\n ", "\u00A0", "\u0085", "\u2000", "\u2009",
    "\u3000", "\u1680", "\u202F", "\u2028", "\u2029", "\u000B", "\u000C", "\u001C", "\u001F",
    "a", "b", "the", "Hello", "low", "er", "est", "x", "Z", "é", "e\u0301", "ß", "Ωμέγα", "привет", "日本語", "中文",
    "عربى", "한국어", "ﬁ", "ǅ", "ʰ",
    "0", "7", "42", "2024", "٣", "Ⅻ", "½", "²", "𝟙",
    "'", "'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'LL", "''", "n't", "’s",
    ".", ",", "!", "?", "...", "-", "--", "\"", "(", ")", "<", ">", "|", "<|", "|>", "#", "$", "%", "&", "*", "_",
    "\\", "/", "@", "~", "`", "^", "€", "©", "°",
    "😀", "👍🏽", "🇺🇸", "👨‍👩‍👧", "\uFFFD", "\u200B", "\u200D", "\uFEFF", "\u0000", "\u0007", "\u007F",
    "\u0378", "𝐀", "𐍈", "\uE000",
  };

  /** A random string of about {@code pieces} pieces. */
  public static String string(Random r, int pieces) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(pieces + 1);
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(10);
      if (k == 0) {
        sb.appendCodePoint(randomCodePoint(r));
      } else {
        sb.append(PIECES[r.nextInt(PIECES.length)]);
      }
    }
    return sb.toString();
  }

  /** Any code point, BMP more often, never a surrogate. */
  public static int randomCodePoint(Random r) {
    while (true) {
      int cp = r.nextInt(4) == 0 ? r.nextInt(0x110000) : r.nextInt(0x10000);
      if (cp < 0xD800 || cp > 0xDFFF) return cp;
    }
  }

  /** Control and whitespace characters as \\uXXXX, for failure messages. */
  public static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints().forEach(c -> {
      if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || Character.isWhitespace(c) && c != ' ') {
        sb.append(String.format("\\u%04X", c));
      } else {
        sb.appendCodePoint(c);
      }
    });
    return sb.toString();
  }
}
