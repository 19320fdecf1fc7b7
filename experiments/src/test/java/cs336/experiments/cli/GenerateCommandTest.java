package cs336.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.engine.cpu.CpuDevice;
import cs336.experiments.data.PreparedData;
import cs336.experiments.generation.TextGenerator;
import cs336.experiments.generation.Utf8Stream;
import cs336.experiments.train.CheckpointFiles;
import cs336.experiments.train.TinyData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./cs336 generate}: the prompt and its continuation, reproducible by seed, from a run or a file. */
class GenerateCommandTest {
  @TempDir static Path tmp;
  static PreparedData data;
  static Path run;

  @BeforeAll
  static void trainAModel() throws Exception {
    data = TinyData.in(tmp.resolve("data"));
    run = tmp.resolve("model");
    CliRun r = CliRun.of("train", "--runs", tmp.toString(), "--name", "model", "--no-progress", "--no-sample",
        "--train", data.trainFile().toString(), "--valid", data.validFile().toString(), "--tokenizer",
        data.tokenizerDir().toString(), "--context-length", "32", "--d-model", "32", "--num-layers", "2", "--num-heads",
        "2", "--batch-size", "8", "--max-iters", "100", "--lr", "1e-2", "--warmup-iters", "4", "--eval-every", "50",
        "--eval-batches", "1", "--checkpoint-every", "50");
    assertEquals(0, r.status(), r::toString);
  }

  @Test
  void streamsThePromptAndItsContinuationTheSameForTheSameSeed() throws Exception {
    CliRun a = CliRun.of("generate", "--checkpoint", run.toString(), "--prompt", "Once upon a time", "--max-tokens", "40",
        "--seed", "3");
    assertEquals(0, a.status(), a::toString);
    assertTrue(a.out().startsWith("Once upon a time"), a::toString);
    CliRun b = CliRun.of("generate", "--checkpoint", CheckpointFiles.latest(run).toString(), "--tokenizer",
        data.tokenizerDir().toString(), "--prompt", "Once upon a time", "--max-tokens", "40", "--seed", "3");
    assertEquals(a.out(), b.out());
    CliRun c = CliRun.of("generate", "--checkpoint", run.toString(), "--max-tokens", "40", "--seed", "4");
    assertNotEquals(a.out(), c.out());
    // what was streamed is what the generator returns
    var model = TextGenerator.load(run, CpuDevice.CPU);
    var s = TextGenerator.generate(model, TextGenerator.tokenizer(data.tokenizerDir()), "Once upon a time", 40, 0.8f, 0.9f,
        3, piece -> { });
    assertEquals("Once upon a time" + s.text() + "\n", a.out());
    assertTrue(s.tokens() <= 40 && (s.stopped() || s.tokens() == 40), s.toString());
  }

  @Test
  void greedyDecodingStopsAtEndOfText() throws Exception {
    var model = TextGenerator.load(run, CpuDevice.CPU);
    var tok = TextGenerator.tokenizer(data.tokenizerDir());
    // after a story's last line the model has seen <|endoftext|> about a thousand times
    var s = TextGenerator.generate(model, tok, "From then on, they were best friends.\n", 200, 0f, 1f, 1, piece -> { });
    assertTrue(s.stopped() && s.tokens() < 200, s.toString());
    assertTrue(!s.text().contains(TextGenerator.END_OF_TEXT), s.text());
    var unstoppable = TextGenerator.generate(model, tok, "Once upon a time", 5, 0f, 1f, 1, piece -> { });
    assertEquals(5, unstoppable.tokens());
  }

  @Test
  void badInputIsOneLine() throws Exception {
    CliRun r = CliRun.of("generate", "--checkpoint", tmp.resolve("missing").toString(), "--tokenizer",
        data.tokenizerDir().toString());
    assertEquals(1, r.status(), r::toString);
    assertTrue(r.err().contains("missing"), r::toString);
    CliRun noTok = CliRun.of("generate", "--checkpoint", CheckpointFiles.latest(run).toString(), "--tokenizer",
        tmp.toString());
    assertEquals(1, noTok.status(), noTok::toString);
    assertTrue(noTok.err().contains("vocab.json"), noTok::toString);
  }

  @Test
  void textArrivesWholeCharactersAtATime() {
    byte[] emoji = "a🙂é".getBytes(StandardCharsets.UTF_8);   // 1 + 4 + 2 bytes
    Utf8Stream u = new Utf8Stream();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < emoji.length; i++) {
      String piece = u.push(Arrays.copyOfRange(emoji, i, i + 1));
      if (i == 1 || i == 2 || i == 3 || i == 5) assertEquals("", piece, "byte " + i);
      sb.append(piece);
    }
    sb.append(u.finish());
    assertEquals("a🙂é", sb.toString());
    assertEquals("\uFFFD", new Utf8Stream().push(new byte[] {(byte) 0xff}) + new Utf8Stream().finish());
    Utf8Stream cut = new Utf8Stream();
    assertEquals("", cut.push(new byte[] {(byte) 0xf0, (byte) 0x9f}));
    assertEquals("\uFFFD", cut.finish());
  }
}
