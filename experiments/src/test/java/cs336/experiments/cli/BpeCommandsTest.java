package cs336.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.bpe.Tokenizer;
import cs336.bpe.io.NpyTokens;
import cs336.experiments.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** train-bpe, tokenize and decode end to end, and their errors as one clear line. */
class BpeCommandsTest {
  @TempDir Path tmp;

  /** Runs the CLI in-process: {exit status, stderr}. */
  static Object[] run(String... args) {
    CommandLine cl = Cli.newCommandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    int status = cl.execute(args);
    return new Object[] {status, err.toString()};
  }

  Path corpus() throws Exception {
    StringBuilder sb = new StringBuilder();
    String[] words = {"the", "cat", "sat", "on", "mat", "and", "a", "dog", "ran", "héllo", "日本", "42", "don't"};
    java.util.Random r = new java.util.Random(1);
    for (int doc = 0; doc < 200; doc++) {
      for (int i = 0; i < 30; i++) sb.append(words[r.nextInt(words.length)]).append(i % 9 == 8 ? ".\n" : " ");
      sb.append("<|endoftext|>");
    }
    Path p = tmp.resolve("corpus.txt");
    Files.writeString(p, sb.toString());
    return p;
  }

  @Test
  void trainTokenizeDecodeRoundTrip() throws Exception {
    Path text = corpus();
    Path out = tmp.resolve("tok");
    Object[] r = run("train-bpe", "--input", text.toString(), "--vocab-size", "280", "--special-token", "<|endoftext|>",
        "--out", out.toString(), "--threads", "2", "--no-progress");
    assertEquals(0, r[0], (String) r[1]);
    for (String f : List.of("vocab.json", "merges.txt", "summary.txt")) assertTrue(Files.exists(out.resolve(f)), f);
    assertTrue(Files.readString(out.resolve("summary.txt")).contains("longest tokens"));
    Tokenizer tok = Tokenizer.fromFiles(out.resolve("vocab.json"), out.resolve("merges.txt"), List.of("<|endoftext|>"));
    assertEquals(280, tok.vocabSize());

    Path npy = tmp.resolve("ids.npy");
    String[] tokArgs = {"--vocab", out.resolve("vocab.json").toString(), "--merges", out.resolve("merges.txt").toString(),
        "--special-token", "<|endoftext|>"};
    r = run(concat(new String[] {"tokenize", "--input", text.toString(), "--out", npy.toString(), "--no-progress"}, tokArgs));
    assertEquals(0, r[0], (String) r[1]);
    assertArrayEquals(tok.encode(Files.readString(text)), NpyTokens.readAll(npy));
    assertEquals("<u2", "<u" + NpyTokens.header(npy).width());

    Path back = tmp.resolve("back.txt");
    r = run(concat(new String[] {"decode", "--input", npy.toString(), "--out", back.toString()}, tokArgs));
    assertEquals(0, r[0], (String) r[1]);
    assertEquals(Files.readString(text), Files.readString(back));
  }

  static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static void assertOneLineError(Object[] r, String... fragments) {
    assertEquals(1, r[0], "exit status; stderr: " + r[1]);
    String err = ((String) r[1]).strip();
    assertEquals(1, err.lines().count(), "expected one line, got:\n" + err);
    for (String f : fragments) assertTrue(err.contains(f), () -> "stderr lacks '" + f + "': " + err);
  }

  @Test
  void userMistakesAreOneClearLine() throws Exception {
    Path missing = tmp.resolve("missing.txt");
    assertOneLineError(run("train-bpe", "--input", missing.toString(), "--vocab-size", "300", "--out", tmp.resolve("o").toString(),
        "--no-progress"), missing.toString(), "no such file");
    Path empty = tmp.resolve("empty.txt");
    Files.writeString(empty, "");
    assertOneLineError(run("train-bpe", "--input", empty.toString(), "--vocab-size", "300", "--out", tmp.resolve("o").toString(),
        "--no-progress"), "empty");
    assertOneLineError(run("train-bpe", "--input", corpus().toString(), "--vocab-size", "200", "--special-token", "<|endoftext|>",
        "--out", tmp.resolve("o").toString(), "--no-progress"), "vocab size 200", "257");

    Path vocab = tmp.resolve("vocab.json");
    Files.writeString(vocab, "{\n \"a\": 0,\n \"b\" 1\n}\n");
    Path merges = tmp.resolve("merges.txt");
    Files.writeString(merges, "a b\n");
    assertOneLineError(run("tokenize", "--vocab", vocab.toString(), "--merges", merges.toString(), "--input", corpus().toString(),
        "--out", tmp.resolve("x.npy").toString(), "--no-progress"), vocab + " line 3", "malformed JSON");
  }

  @Test
  void decodingIdsOutsideTheVocabularyIsAnError() throws Exception {
    Path out = tmp.resolve("tok");
    assertEquals(0, run("train-bpe", "--input", corpus().toString(), "--vocab-size", "260", "--out", out.toString(), "--no-progress")[0]);
    Path npy = tmp.resolve("bad.npy");
    try (var w = cs336.bpe.io.NpyTokenWriter.open(npy, 1000)) {
      w.write(new int[] {1, 2, 999}, 0, 3);
    }
    assertOneLineError(run("decode", "--vocab", out.resolve("vocab.json").toString(), "--merges", out.resolve("merges.txt").toString(),
        "--input", npy.toString(), "--out", tmp.resolve("t.txt").toString()), "token id 999 at position 2");
    assertTrue(!Files.exists(tmp.resolve("t.txt")), "a failed decode must not leave an output file");
  }

  @Test
  void decodeReplacesInvalidUtf8() throws Exception {
    Path out = tmp.resolve("tok");
    assertEquals(0, run("train-bpe", "--input", corpus().toString(), "--vocab-size", "260", "--out", out.toString(), "--no-progress")[0]);
    Tokenizer tok = Tokenizer.fromFiles(out.resolve("vocab.json"), out.resolve("merges.txt"), List.of());
    int lead = tok.model().id(new byte[] {(byte) 0xC3});
    int a = tok.model().id(new byte[] {'a'});
    Path npy = tmp.resolve("x.npy");
    try (var w = cs336.bpe.io.NpyTokenWriter.open(npy, tok.vocabSize())) {
      w.write(new int[] {a, lead, a}, 0, 3);
    }
    Path txt = tmp.resolve("x.txt");
    assertEquals(0, run("decode", "--vocab", out.resolve("vocab.json").toString(), "--merges", out.resolve("merges.txt").toString(),
        "--input", npy.toString(), "--out", txt.toString())[0]);
    assertEquals("a\uFFFDa", Files.readString(txt, StandardCharsets.UTF_8));
  }
}
