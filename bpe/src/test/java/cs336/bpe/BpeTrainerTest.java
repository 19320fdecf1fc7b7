package cs336.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.bpe.io.Gpt2Files;
import cs336.bpe.io.MappedText;
import cs336.bpe.pretokenize.SpecialTokens;
import cs336.bpe.train.MergeLoop;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTrainerTest {
  static final List<String> EOT = List.of("<|endoftext|>");

  @TempDir Path tmp;

  static List<String> show(List<byte[][]> merges) {
    return merges.stream().map(m -> cs336.bpe.io.ByteUnicode.encode(m[0]) + " " + cs336.bpe.io.ByteUnicode.encode(m[1])).toList();
  }

  static Set<String> asSet(List<byte[]> tokens) {
    Set<String> s = new HashSet<>();
    for (byte[] t : tokens) s.add(new String(t, StandardCharsets.ISO_8859_1));
    return s;
  }

  Path write(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  /** The assignment's reference run: corpus.en, vocab 500, <|endoftext|>. */
  @Test
  void referenceRunOnCorpusEn() throws Exception {
    Path corpus = Shared.file("cs336-fixtures/corpus.en");
    BpeTrainer.Result r = BpeTrainer.train(corpus, new BpeTrainer.Options(500, EOT, 2));
    List<byte[][]> want = Gpt2Files.readMerges(Shared.file("cs336-fixtures/train-bpe-reference-merges.txt"));
    assertEquals(show(want), show(r.model().mergePairs()));
    List<byte[]> vocab = Gpt2Files.readVocab(Shared.file("cs336-fixtures/train-bpe-reference-vocab.json"));
    assertEquals(asSet(vocab), asSet(r.model().vocabList()));
    assertEquals(500, r.model().vocabSize());
    assertEquals("<|endoftext|>", new String(r.model().token(0), StandardCharsets.UTF_8));
  }

  /**
   * The handout's worked example (section 2.4): words split on whitespace, {low: 5, lower: 2,
   * widest: 3, newest: 6}; the first six merges are s t, e st, o w, l ow, w est, n e.
   */
  @Test
  void handoutWorkedExampleMergeByMerge() {
    String[] words = {"low", "lower", "widest", "newest"};
    long[] counts = {5, 2, 3, 6};
    StringBuilder all = new StringBuilder();
    int[] off = new int[4], len = new int[4];
    for (int w = 0; w < 4; w++) {
      off[w] = all.length();
      len[w] = words[w].length();
      all.append(words[w]);
    }
    MergeLoop loop = new MergeLoop(all.toString().getBytes(StandardCharsets.US_ASCII), off, len, counts, 4);
    List<String> want = List.of("s t", "e st", "o w", "l ow", "w est", "n e", "ne west", "low er", "wid est", "low e");
    for (int k = 0; k < 6; k++) {
      loop.run(k + 1, done -> {});
      String got = new String(loop.tokenBytes(loop.mergeLeft(k))) + " " + new String(loop.tokenBytes(loop.mergeRight(k)));
      assertEquals(want.get(k), got, "merge " + (k + 1));
    }
    assertEquals("st", new String(loop.tokenBytes(256)));
    assertEquals("ne", new String(loop.tokenBytes(261)));
  }

  /** The same text through the whole trainer (GPT-2 pre-tokenizer) equals the naive trainer. */
  @Test
  void handoutExampleTextMatchesNaiveTrainer() throws Exception {
    String text = "low low low low low lower lower widest widest widest newest newest newest newest newest newest";
    assertMatchesNaive(text, EOT, 256 + 1 + 12, 1);
  }

  void assertMatchesNaive(String text, List<String> specials, int vocabSize, int threads) throws IOException {
    Path f = write("corpus.txt", text);
    BpeTrainer.Result r = BpeTrainer.train(f, new BpeTrainer.Options(vocabSize, specials, threads));
    assertEquals(show(NaiveTrainer.merges(text, specials, vocabSize)), show(r.model().mergePairs()),
        () -> "text: " + text);
  }

  @Test
  void randomSmallCorporaMatchNaiveTrainer() throws Exception {
    Random rnd = new Random(42);
    String[] vocab = {"a", "b", "ab", "ba", "aab", "the", "cat", "ca", "é", "日本", "1", "22", "'s", ".", "!", "<|endoftext|>"};
    String[] seps = {" ", " ", " ", "\n", "  ", "\n\n", ""};
    for (int trial = 0; trial < 40; trial++) {
      StringBuilder sb = new StringBuilder();
      int n = 20 + rnd.nextInt(200);
      for (int i = 0; i < n; i++) {
        sb.append(vocab[rnd.nextInt(vocab.length)]).append(seps[rnd.nextInt(seps.length)]);
      }
      int size = 257 + rnd.nextInt(60);
      assertMatchesNaive(sb.toString(), EOT, size, 1 + trial % 3);
    }
  }

  @Test
  void generatedUnicodeCorporaMatchNaiveTrainer() throws Exception {
    Random rnd = new Random(9);
    for (int trial = 0; trial < 15; trial++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 30; i++) sb.append(TextGen.string(rnd, 8)).append(i % 7 == 0 ? "<|endoftext|>" : " ");
      assertMatchesNaive(sb.toString(), EOT, 300, 2);
    }
  }

  /** Enough text for several chunks: merges must not depend on the number of threads. */
  @Test
  void sameMergesWhateverTheThreadCount() throws Exception {
    Path f = write("web.txt", Shared.head("data/web_en_20M.txt", 3 << 20));
    List<String> first = null;
    for (int threads : new int[] {1, 2, 3}) {
      List<String> merges = show(BpeTrainer.train(f, new BpeTrainer.Options(600, EOT, threads)).model().mergePairs());
      if (first == null) first = merges;
      else assertEquals(first, merges, "threads = " + threads);
    }
  }

  /** Chunked counting equals counting the whole text in one piece. */
  @Test
  void chunkedCountingEqualsOnePass() throws Exception {
    String text = Shared.head("data/tinystories_real_train.txt", 1 << 20);
    Path f = write("ts.txt", text);
    SpecialTokens sp = new SpecialTokens(EOT);
    cs336.bpe.train.PieceCounter whole = new cs336.bpe.train.PieceCounter();
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    BpeTrainer.countChunk(b, b.length, sp, whole);
    try (MappedText mt = MappedText.open(f)) {
      long[] cuts = mt.chunkBoundaries(10_000, sp);
      assertTrue(cuts.length > 50, "expected many chunks, got " + cuts.length);
      cs336.bpe.train.PieceCounter chunked = BpeTrainer.count(mt, sp, 2, BpeTrainer.Listener.NONE);
      assertEquals(whole.size(), chunked.size());
      assertEquals(whole.total(), chunked.total());
    }
  }

  @Test
  void summaryReportsPhasesAndLongestTokens() throws Exception {
    BpeTrainer.Result r = BpeTrainer.train(Shared.file("cs336-fixtures/corpus.en"), new BpeTrainer.Options(500, EOT, 2));
    TrainingSummary s = r.summary();
    assertEquals(133027, s.inputBytes());
    assertEquals(500 - 257, s.merges());
    assertTrue(s.countSeconds() > 0 && s.mergeSeconds() > 0);
    assertEquals(5, s.longestTokens().size());
    assertTrue(s.longestTokens().get(0).length >= s.longestTokens().get(4).length);
    assertTrue(s.describe().contains("longest tokens"));
  }

  @Test
  void vocabSizeBelowBytesPlusSpecialsIsAnError() throws Exception {
    Path f = write("x.txt", "hello");
    var e = assertThrows(IllegalArgumentException.class, () -> BpeTrainer.train(f, new BpeTrainer.Options(256, EOT, 1)));
    assertTrue(e.getMessage().contains("256"), e.getMessage());
    BpeTrainer.train(f, new BpeTrainer.Options(257, EOT, 1)); // exactly enough: no merges
  }

  @Test
  void emptyMissingAndDirectoryInputsAreClearErrors() throws Exception {
    Path empty = write("empty.txt", "");
    for (Path p : List.of(empty, tmp.resolve("missing.txt"), tmp)) {
      var e = assertThrows(IllegalArgumentException.class, () -> BpeTrainer.train(p, new BpeTrainer.Options(300, EOT, 1)));
      assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    }
  }

  /** Fewer distinct pairs than merges asked for: training stops early, cleanly. */
  @Test
  void stopsWhenNoPairIsLeft() throws Exception {
    Path f = write("tiny.txt", "ab ab");
    BpeTrainer.Result r = BpeTrainer.train(f, new BpeTrainer.Options(1000, EOT, 1));
    assertEquals(List.of("a b", "Ġ ab"), show(r.model().mergePairs()));
  }

  /**
   * Offsets past 2 GB: a sparse file of 2.2 GB (no disk used) with text at its end, where chunk cuts
   * and copies must work with long offsets.
   */
  @Test
  void cutsAndCopiesBeyondTwoGigabytes() throws Exception {
    Path f = tmp.resolve("sparse.txt");
    long at = (1L << 31) + 123_456_789L;
    byte[] text = "hello world<|endoftext|>again and again".getBytes(StandardCharsets.UTF_8);
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.seek(at);
      raf.write(text);
    }
    try (MappedText mt = MappedText.open(f)) {
      assertEquals(at + text.length, mt.size());
      SpecialTokens sp = new SpecialTokens(EOT);
      assertEquals(at + 5, mt.nextCut(at, sp)); // the space after "hello"
      assertEquals(at + 11, mt.nextCut(at + 6, sp)); // the special token
      byte[] got = mt.read(at, at + text.length);
      assertEquals(new String(text, StandardCharsets.UTF_8), new String(got, StandardCharsets.UTF_8));
    }
  }

  @Test
  void singleByteSpecialTokenIsNotAddedTwice() throws Exception {
    Path f = write("s.txt", "a;b;c ab ab");
    BpeTrainer.Result r = BpeTrainer.train(f, new BpeTrainer.Options(258, List.of(";"), 1));
    assertEquals(258, r.model().vocabSize());
    assertEquals(new ArrayList<>(List.of("a b", "Ġ ab")).subList(0, 2), show(r.model().mergePairs()));
  }
}
