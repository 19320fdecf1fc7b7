package cs336.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cs336.bpe.util.IntList;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The GPT-2 tests of the CS336 handout's test suite: with GPT-2's vocab and merges and
 * {@code <|endoftext|>}, our ids equal tiktoken's (jtokkit R50K_BASE as the oracle) and decode back
 * to the text; plus the shared real texts and generated edge cases.
 */
class TokenizerGpt2Test {

  static void assertMatchesTiktoken(String text) throws Exception {
    Tokenizer t = Gpt2Oracle.gpt2();
    int[] want = Gpt2Oracle.encode(text);
    int[] got = t.encode(text);
    if (!Arrays.equals(want, got)) {
      int i = 0;
      while (i < Math.min(want.length, got.length) && want[i] == got[i]) i++;
      int from = Math.max(0, i - 3);
      throw new AssertionError("ids differ from tiktoken at " + i + " for "
          + TextGen.escape(text.length() > 300 ? text.substring(0, 300) : text)
          + "\n tiktoken: " + Arrays.toString(Arrays.copyOfRange(want, from, Math.min(want.length, i + 5)))
          + "\n ours:     " + Arrays.toString(Arrays.copyOfRange(got, from, Math.min(got.length, i + 5))));
    }
    assertEquals(text, t.decode(got));
  }

  @Test
  void emptyString() throws Exception {
    assertArrayEquals(new int[0], Gpt2Oracle.gpt2().encode(""));
    assertMatchesTiktoken("");
    assertEquals("", Gpt2Oracle.gpt2().decode(new int[0]));
  }

  @Test
  void singleCharacter() throws Exception {
    assertMatchesTiktoken("s");
  }

  @Test
  void singleUnicodeCharacter() throws Exception {
    assertMatchesTiktoken("🙃");
  }

  @Test
  void asciiString() throws Exception {
    assertMatchesTiktoken("Hello, how are you?");
  }

  @Test
  void unicodeString() throws Exception {
    assertMatchesTiktoken("Héllò hôw are ü? 🙃");
  }

  @Test
  void unicodeStringWithSpecialToken() throws Exception {
    String text = "Héllò hôw <|endoftext|><|endoftext|> are ü? 🙃<|endoftext|>";
    assertMatchesTiktoken(text);
    int[] ids = Gpt2Oracle.gpt2().encode(text);
    assertEquals(3, Arrays.stream(ids).filter(id -> id == Gpt2Oracle.EOT_ID).count());
  }

  @Test
  void overlappingSpecialTokens() throws Exception {
    Tokenizer t = Tokenizer.fromFiles(Shared.file("cs336-fixtures/gpt2_vocab.json"), Shared.file("cs336-fixtures/gpt2_merges.txt"),
        List.of("<|endoftext|>", "<|endoftext|><|endoftext|>"));
    String text = "Hello, how <|endoftext|><|endoftext|> are you?<|endoftext|>";
    int[] ids = t.encode(text);
    List<String> pieces = new ArrayList<>();
    for (int id : ids) pieces.add(t.decode(new int[] {id}));
    assertEquals(1, pieces.stream().filter(p -> p.equals("<|endoftext|><|endoftext|>")).count(), pieces.toString());
    assertEquals(1, pieces.stream().filter(p -> p.equals("<|endoftext|>")).count(), pieces.toString());
    assertEquals(text, t.decode(ids));
    assertEquals(50258, t.vocabSize()); // the double token was added at the end
  }

  @Test
  void fixtureFiles() throws Exception {
    for (String f : List.of("address.txt", "german.txt", "tinystories_sample.txt")) {
      assertMatchesTiktoken(Shared.text("cs336-fixtures/" + f));
    }
  }

  @Test
  void specialTokenDoubleNewlinesNonWhitespace() throws Exception {
    assertMatchesTiktoken("Hello\n\nworld<|endoftext|>\n\nagain\n\n");
    assertMatchesTiktoken("<|endoftext|>\n\n<|endoftext|>");
    assertMatchesTiktoken("a\n\n\n\n<|endoftext|>");
  }

  /** The handout's streaming test: encodeIterable over the file's lines equals encoding it whole. */
  @Test
  void encodeIterableOfTinyStoriesLinesEqualsWholeText() throws Exception {
    Tokenizer t = Gpt2Oracle.gpt2();
    String text = Shared.text("cs336-fixtures/tinystories_sample.txt");
    int[] want = Gpt2Oracle.encode(text);
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(Shared.file("cs336-fixtures/tinystories_sample.txt"))) {
      // lines with their newlines, as Python's file iterator yields them
      StringBuilder cur = new StringBuilder();
      for (int c; (c = r.read()) >= 0; ) {
        cur.append((char) c);
        if (c == '\n') {
          lines.add(cur.toString());
          cur.setLength(0);
        }
      }
      if (cur.length() > 0) lines.add(cur.toString());
    }
    assertArrayEquals(want, drain(t.encodeIterable(lines)));
    assertArrayEquals(want, drain(t.encodeIterable(new StringReader(text))));
  }

  static int[] drain(PrimitiveIterator.OfInt it) {
    IntList out = new IntList();
    while (it.hasNext()) out.add(it.nextInt());
    return out.toArray();
  }

  @Test
  void sharedRealTexts() throws Exception {
    assertMatchesTiktoken(Shared.text("data/tinystories_real_valid.txt"));
    assertMatchesTiktoken(Shared.head("data/tinystories_real_train.txt", 512 << 10));
    assertMatchesTiktoken(Shared.head("data/web_en_20M.txt", 1 << 20));
    assertMatchesTiktoken(Shared.head("data/web_en_valid.txt", 512 << 10));
  }

  @Test
  void generatedEdgeCases() throws Exception {
    Random r = new Random(2024);
    for (int i = 0; i < 3000; i++) assertMatchesTiktoken(TextGen.string(r, 16));
  }

  @Test
  void longRunsUseTheLargeMergePathWithTheSameIds() throws Exception {
    assertMatchesTiktoken(" ".repeat(5000) + "x");
    assertMatchesTiktoken("1234567890".repeat(300));
    assertMatchesTiktoken("!?".repeat(2000) + "\n" + "a".repeat(3000));
    assertMatchesTiktoken("€".repeat(1500));
  }

  /** Encoding with and without the pre-token cache, and small vs large merge paths, agree. */
  @Test
  void cacheAndMergePathsDoNotChangeIds() throws Exception {
    Tokenizer cached = Gpt2Oracle.gpt2();
    Tokenizer uncached = new Tokenizer(cached.model(), List.of("<|endoftext|>"), false);
    String text = Shared.head("data/web_en_valid.txt", 256 << 10);
    assertArrayEquals(cached.encode(text), uncached.encode(text));
    MergeRanks ranks = cached.ranks();
    Random r = new Random(1);
    for (int i = 0; i < 2000; i++) {
      byte[] b = Tokenizer.utf8(TextGen.string(r, 10));
      IntList small = new IntList(), large = new IntList();
      ranks.applySmall(b, 0, b.length, new MergeRanks.Scratch(), small);
      ranks.applyLarge(b, 0, b.length, new MergeRanks.Scratch(), large);
      assertArrayEquals(small.toArray(), large.toArray());
    }
  }

  @Test
  void unpairedSurrogateEncodesAsReplacementCharacter() throws Exception {
    Tokenizer t = Gpt2Oracle.gpt2();
    assertArrayEquals(t.encode("a\uFFFDb"), t.encode("a\uD800b"));
    assertArrayEquals(t.encode("x\uFFFD"), t.encode("x\uDC00"));
  }
}
