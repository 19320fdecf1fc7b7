package cs336.nn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.autograd.NoGrad;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;
import cs336.engine.io.HostArray;
import cs336.engine.io.Safetensors;
import cs336.nn.Rng;
import cs336.nn.data.Batches;
import cs336.nn.data.TokenDataset;
import cs336.nn.layers.TransformerConfig;
import cs336.nn.layers.TransformerLM;
import cs336.nn.optim.AdamW;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints restore a run exactly, and a damaged file is refused before anything is loaded. */
class CheckpointTest {
  static final TransformerConfig CONFIG = TransformerConfig.of(13, 8, 16, 2, 2, 24, 10_000f);

  @TempDir Path dir;
  TokenDataset data;

  @BeforeEach
  void data() {
    long[] t = new long[200];
    for (int i = 0; i < t.length; i++) t[i] = (i * 7 + i / 3) % 13;
    data = TokenDataset.of(HostArray.int64(t, t.length));
  }

  private void trainStep(TransformerLM model, AdamW opt, Rng rng) {
    Batches.Batch b = Batches.getBatch(data, 3, 8, rng);
    opt.zeroGrad();
    model.forward(b.x()).crossEntropy(b.y()).backward();
    opt.step();
  }

  private static float[] logits(TransformerLM model) {
    try (NoGrad ignored = NoGrad.enter()) {
      return model.forward(Tensor.ofLongs(new long[] {1, 2, 3, 4, 5}, 1, 5)).data().toFloatArray();
    }
  }

  @Test
  void roundTripRestoresLogitsOptimizerAndSampler() throws IOException {
    TransformerLM model = new TransformerLM(CONFIG, 1);
    AdamW opt = new AdamW(model, AdamW.Config.defaults().withLr(3e-3));
    Rng rng = new Rng(5);
    for (int i = 0; i < 3; i++) trainStep(model, opt, rng);
    Path file = dir.resolve("ckpt.safetensors");
    Checkpoint.save(file, model, opt, 3, rng.state(), Map.of("note", "three steps"));
    float[] logitsAtSave = logits(model);
    trainStep(model, opt, rng);                                 // the uninterrupted run's next step
    NDArray paramsAfter = model.arena().params().copy();

    TransformerLM resumed = new TransformerLM(CONFIG, 99);
    AdamW resumedOpt = new AdamW(resumed, AdamW.Config.defaults());
    Checkpoint c = Checkpoint.load(file, resumed, resumedOpt);
    assertEquals(3, c.iteration());
    assertEquals(CONFIG, c.config());
    assertEquals("three steps", c.extra().get("note"));
    assertEquals(3, c.optimizer().step());
    assertArrayEquals(logitsAtSave, logits(resumed));         // bit for bit
    assertEquals(3e-3, resumedOpt.lr(), 1e-12);
    Rng resumedRng = new Rng(0);
    resumedRng.setState(c.rngState());
    trainStep(resumed, resumedOpt, resumedRng);
    assertArrayEquals(paramsAfter.toFloatArray(), resumed.arena().params().toFloatArray());
    assertArrayEquals(logitsAtSave, logits(c.newModel()));   // a model built from the file alone
  }

  @Test
  void writesAtomicallyAndPyTorchCanReadTheWeights() throws IOException {
    TransformerLM model = new TransformerLM(CONFIG, 1);
    Path file = dir.resolve("ckpt.safetensors");
    Checkpoint.save(file, model, null, 0, 0, null);
    Checkpoint.save(file, model, new AdamW(model, AdamW.Config.defaults()), 7, 0, null);  // replaces it
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
    Safetensors.Contents raw = Safetensors.read(file);
    assertTrue(raw.tensors().containsKey("model.layers.1.attn.output_proj.weight"));
    assertTrue(raw.tensors().containsKey("optimizer.v.lm_head.weight"));
    assertEquals("7", raw.metadata().get("iteration"));
    assertTrue(raw.metadata().get("config").contains("\"dModel\":16"), raw.metadata().get("config"));
  }

  @Test
  void truncatedFileIsRejected() throws IOException {
    Path file = dir.resolve("ckpt.safetensors");
    Checkpoint.save(file, new TransformerLM(CONFIG, 1), null, 0, 0, null);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(f.length() - 100);
    }
    String msg = assertThrows(IOException.class, () -> Checkpoint.read(file)).getMessage();
    assertTrue(msg.startsWith("checkpoint " + file + " is truncated or corrupt: "), msg);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(5);
    }
    msg = assertThrows(IOException.class, () -> Checkpoint.read(file)).getMessage();
    assertTrue(msg.contains("too short for a safetensors file"), msg);
  }

  @Test
  void flippedByteIsCaughtByTheChecksum() throws IOException {
    Path file = dir.resolve("ckpt.safetensors");
    Checkpoint.save(file, new TransformerLM(CONFIG, 1), null, 0, 0, null);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(f.length() - 10);
      int b = f.read();
      f.seek(f.length() - 10);
      f.write(b ^ 0x10);
    }
    String msg = assertThrows(IOException.class, () -> Checkpoint.read(file)).getMessage();
    assertTrue(msg.contains("is corrupt: its tensor bytes have CRC-32C"), msg);
  }

  @Test
  void mismatchedModelIsNamedAndLeftUntouched() throws IOException {
    Path file = dir.resolve("ckpt.safetensors");
    Checkpoint.save(file, new TransformerLM(CONFIG, 1), null, 0, 0, null);
    TransformerLM other = new TransformerLM(CONFIG.withTiedEmbeddings(true), 2);
    float[] before = other.arena().params().toFloatArray();
    Checkpoint c = Checkpoint.read(file);
    String msg = assertThrows(IllegalArgumentException.class, () -> c.restore(other, null)).getMessage();
    assertTrue(msg.contains("differs from the saved") && msg.contains("unexpected [model.lm_head.weight]"), msg);
    assertArrayEquals(before, other.arena().params().toFloatArray());
    TransformerLM same = new TransformerLM(CONFIG, 2);
    msg = assertThrows(IllegalArgumentException.class, () -> c.restore(same, new AdamW(same, AdamW.Config.defaults())))
        .getMessage();
    assertTrue(msg.contains("holds no optimizer state"), msg);
  }

  @Test
  void foreignSafetensorsFileIsNotACheckpoint() throws IOException {
    Path file = dir.resolve("weights.safetensors");
    Weights.save(file, new TransformerLM(CONFIG, 1), null);
    String msg = assertThrows(IOException.class, () -> Checkpoint.read(file)).getMessage();
    assertTrue(msg.contains("is not a cs336-checkpoint file"), msg);
  }
}
