package cs336.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.bpe.util.IntList;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parallel and streaming encoding give the ids of encoding the whole text at once. */
class FileEncoderTest {
  @TempDir Path tmp;

  @Test
  void parallelFileEncodingEqualsWholeText() throws Exception {
    Tokenizer t = Gpt2Oracle.gpt2();
    String text = Shared.head("data/web_en_20M.txt", 3 << 20) + "<|endoftext|>\n\n  tail   ";
    Path f = tmp.resolve("web.txt");
    Files.writeString(f, text);
    int[] whole = t.encode(text);
    for (int threads : new int[] {1, 2, 3}) {
      assertArrayEquals(whole, FileEncoder.encodeToArray(t, f, threads), "threads = " + threads);
    }
  }

  @Test
  void streamingEqualsWholeTextAcrossManyWindows() throws Exception {
    Tokenizer t = Gpt2Oracle.gpt2();
    String text = Shared.head("data/tinystories_real_train.txt", 600 << 10);
    int[] whole = t.encode(text);
    IntList got = new IntList();
    long n = t.encodeStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), (ids, k) -> got.addAll(ids, 0, k));
    assertEquals(text.getBytes(StandardCharsets.UTF_8).length, n);
    assertArrayEquals(whole, got.toArray());
  }

  /** Random texts fed in random pieces: special tokens and multi-byte characters cut in two. */
  @Test
  void streamingOfRandomPieces() throws Exception {
    Tokenizer t = Gpt2Oracle.gpt2();
    Random r = new Random(8);
    for (int trial = 0; trial < 20; trial++) {
      StringBuilder sb = new StringBuilder();
      while (sb.length() < 200_000) sb.append(TextGen.string(r, 20)).append(r.nextInt(5) == 0 ? "<|endoftext|>" : "");
      String text = sb.toString();
      List<String> pieces = new java.util.ArrayList<>();
      for (int i = 0; i < text.length(); ) {
        int j = Math.min(text.length(), i + 1 + r.nextInt(3000));
        pieces.add(text.substring(i, j)); // may split a surrogate pair: each piece then has a lone half
        i = j;
      }
      // Through a Reader, split surrogate pairs stay whole.
      assertArrayEquals(t.encode(text), TokenizerGpt2Test.drain(t.encodeIterable(new java.io.StringReader(text))));
      String joined = String.join("", pieces.stream().map(p -> new String(Tokenizer.utf8(p), StandardCharsets.UTF_8)).toList());
      assertArrayEquals(t.encode(joined), TokenizerGpt2Test.drain(t.encodeIterable(pieces)));
    }
  }

  @Test
  void oneHugePreTokenStillStreams() throws Exception {
    Tokenizer t = Gpt2Oracle.gpt2();
    String text = "x" + "!".repeat(300_000) + " end";
    assertArrayEquals(t.encode(text), TokenizerGpt2Test.drain(t.encodeIterable(List.of(text))));
  }

  @Test
  void decodeReplacesMalformedUtf8AndRejectsUnknownIds() throws Exception {
    Tokenizer t = Gpt2Oracle.gpt2();
    int[] ids = t.encode("héllo");
    // "é" is two bytes in two tokens? decode each alone: a lone byte of it decodes to U+FFFD
    byte[] e = "é".getBytes(StandardCharsets.UTF_8);
    int lead = t.model().id(new byte[] {e[0]});
    assertEquals("\uFFFD", t.decode(new int[] {lead}));
    assertEquals("héllo", t.decode(ids));
    var ex = assertThrows(IllegalArgumentException.class, () -> t.decode(new int[] {1, 50257}));
    assertTrue(ex.getMessage().contains("token id 50257 at position 1"), ex.getMessage());
    assertThrows(IllegalArgumentException.class, () -> t.decode(new int[] {-1}));
  }

  @Test
  void malformedUtf8InAFileRoundTripsByteForByte() throws Exception {
    Tokenizer t = Gpt2Oracle.gpt2();
    byte[] raw = {'a', (byte) 0xFF, ' ', (byte) 0xC3, 'b', '\n', (byte) 0x80};
    Path f = tmp.resolve("raw.bin");
    Files.write(f, raw);
    int[] ids = FileEncoder.encodeToArray(t, f, 2);
    assertArrayEquals(raw, t.decodeBytes(ids));
  }
}
