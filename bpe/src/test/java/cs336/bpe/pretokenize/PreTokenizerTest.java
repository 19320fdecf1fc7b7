package cs336.bpe.pretokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import cs336.bpe.Shared;
import cs336.bpe.TextGen;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written scanner gives exactly java.util.regex's matches of GPT-2's pattern. */
class PreTokenizerTest {
  static final Pattern REGEX = PreTokenizer.regex();

  static List<String> viaRegex(String s) {
    List<String> out = new ArrayList<>();
    Matcher m = REGEX.matcher(s);
    while (m.find()) out.add(m.group());
    return out;
  }

  static List<String> viaScanner(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    PreTokenizer.split(b, 0, b.length, (bb, st, e) -> out.add(new String(bb, st, e - st, StandardCharsets.UTF_8)));
    return out;
  }

  static void assertSame(String s) {
    List<String> want = viaRegex(s);
    List<String> got = viaScanner(s);
    if (want.equals(got)) return;
    int i = 0;
    while (i < Math.min(want.size(), got.size()) && want.get(i).equals(got.get(i))) i++;
    fail("pre-tokens differ at piece " + i + " of " + TextGen.escape(s.length() > 200 ? s.substring(0, 200) + "..." : s)
        + "\n regex:   " + TextGen.escape(want.subList(i, Math.min(want.size(), i + 5)).toString())
        + "\n scanner: " + TextGen.escape(got.subList(i, Math.min(got.size(), i + 5)).toString()));
  }

  @Test
  void handPickedCases() {
    for (String s : List.of("", " ", "  ", "a", " a", "  a", "\na", "\n\na", " \n a", "a  ", "a \n", "hello world",
        "Hello, world! It's 2024 and we've 3 cats; they'll do what I'd want.", "'s", " 's", "x's", "'sup", "''s",
        "don't", "DON'T", "a\u00A0b", "a\u00A0\u00A0b", "\u3000\u3000x", "tab\tsep", "tab\t\tsep", "1,000.50", " 123abc",
        "é e\u0301", "日本語のテキスト", "emoji 😀😀 ok", "\r\n\r\nx", "x\r\n", "   ", "\t", "a\u0085b", "a\u001Cb",
        "<|endoftext|>", "line\n\n\nline", "  leading", "trailing   ")) {
      assertSame(s);
    }
  }

  @Test
  void generatedStringsOfEveryKind() {
    Random r = new Random(336);
    for (int i = 0; i < 20_000; i++) assertSame(TextGen.string(r, 12));
  }

  @Test
  void everyBmpCodePointAloneAndBetweenLettersAndSpaces() {
    for (int cp = 0; cp < 0x10000; cp++) {
      if (cp >= 0xD800 && cp <= 0xDFFF) continue;
      String c = new String(Character.toChars(cp));
      assertSame(c);
      assertSame("a " + c + c + " 1" + c + "\n" + c + "  x");
    }
  }

  @Test
  void supplementaryCodePoints() {
    Random r = new Random(7);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      sb.appendCodePoint(0x10000 + r.nextInt(0x100000));
      if (r.nextInt(4) == 0) sb.append(r.nextBoolean() ? " " : "a");
    }
    assertSame(sb.toString());
  }

  /**
   * A lone surrogate is not UTF-8: the tokenizer encodes it as U+FFFD (as tiktoken does), which the
   * pattern classes exactly as java.util.regex classes the lone surrogate (neither letter, number nor
   * space), so the pre-tokens match once the surrogates in the regex's matches are replaced.
   */
  @Test
  void unpairedSurrogatesPreTokenizeLikeTheReplacementCharacter() {
    Random r = new Random(11);
    for (int i = 0; i < 2000; i++) {
      StringBuilder sb = new StringBuilder(TextGen.string(r, 6));
      sb.insert(r.nextInt(sb.length() + 1), r.nextBoolean() ? '\uD83D' : '\uDE00');
      String s = sb.toString();
      List<String> want = viaRegex(s).stream().map(PreTokenizerTest::replaceLoneSurrogates).toList();
      byte[] b = cs336.bpe.TokenizerTestSupport.utf8Replacing(s);
      List<String> got = new ArrayList<>();
      PreTokenizer.split(b, 0, b.length, (bb, st, e) -> got.add(new String(bb, st, e - st, StandardCharsets.UTF_8)));
      assertEquals(want, got, () -> TextGen.escape(s));
    }
  }

  static String replaceLoneSurrogates(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        sb.append('\uFFFD');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Bytes that are not UTF-8 group like punctuation and are kept as they are. */
  @Test
  void malformedBytesAreKeptAndGroupLikePunctuation() {
    byte[] b = {'a', (byte) 0xFF, (byte) 0xFE, 'b', ' ', (byte) 0x80, '\n', (byte) 0xE2, (byte) 0x82, ' ', 'c'};
    List<int[]> r = PreTokenizer.ranges(b, 0, b.length);
    List<String> got = r.stream().map(x -> x[0] + ".." + x[1]).toList();
    assertEquals(List.of("0..1", "1..3", "3..4", "4..6", "6..7", "7..9", "9..11"), got);
  }

  @Test
  void realTextTinyStories() throws Exception {
    assertSame(Shared.text("data/tinystories_real_train.txt"));
  }

  @Test
  void realTextWebSample() throws Exception {
    assertSame(Shared.head("data/web_en_20M.txt", 4 << 20));
    assertSame(Shared.head("data/web_en_valid.txt", 1 << 20));
  }

  @Test
  void fixtureTexts() throws Exception {
    for (String f : List.of("address.txt", "german.txt", "tinystories_sample.txt", "corpus.en")) {
      assertSame(Shared.text("cs336-fixtures/" + f));
    }
  }
}
