package cs336.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.experiments.data.PreparedData;
import cs336.experiments.train.TinyData;
import cs336.experiments.train.TrainConfig;
import cs336.experiments.train.TrainConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./cs336 train}: settings from a file and flags, run folders, exit statuses, devices. */
class TrainCommandTest {
  @TempDir static Path tmp;
  static PreparedData data;

  @BeforeAll
  static void data() throws Exception {
    data = TinyData.in(tmp.resolve("data"));
  }

  /** {@code train} on the tiny data with {@code more} flags, as run {@code name}. */
  static CliRun train(String name, String... more) {
    List<String> a = new ArrayList<>(List.of("train", "--runs", tmp.toString(), "--name", name, "--no-progress",
        "--train", data.trainFile().toString(), "--valid", data.validFile().toString(), "--tokenizer",
        data.tokenizerDir().toString(), "--context-length", "32", "--num-layers", "1", "--batch-size", "4",
        "--warmup-iters", "2", "--eval-every", "5", "--eval-batches", "1", "--log-every", "5", "--checkpoint-every", "5"));
    a.addAll(List.of(more));
    return CliRun.of(a.toArray(String[]::new));
  }

  @Test
  void aConfigFileAndFlagsAreMergedPrintedAndSaved() throws Exception {
    Path file = tmp.resolve("c.json");
    Files.writeString(file, "{\"d_model\": 48, \"num_heads\": 2, \"lr\": 0.5, \"weight_decay\": 0.0}");
    CliRun r = train("merged", "--config", file.toString(), "--lr", "0.01", "--max-iters", "10", "--no-sample");
    assertEquals(0, r.status(), r::toString);
    TrainConfig saved = TrainConfigs.read(tmp.resolve("merged"));
    assertEquals(48, saved.dModel());             // the file
    assertEquals(0.01, saved.lr());               // the flag over the file
    assertEquals(0.0, saved.weightDecay());
    assertEquals(128, saved.dFf());               // derived: 8/3 * 48
    assertEquals(300, saved.vocabSize());         // the tokenizer's
    assertEquals(1, saved.numLayers());
    assertTrue(r.out().contains(TrainConfigs.toJson(saved)), r::toString);
    assertTrue(r.out().contains("finished 10 steps"), r::toString);
  }

  @Test
  void aRunFolderInUseNeedsResumeOrOverwrite() {
    assertEquals(0, train("again", "--max-iters", "5", "--d-model", "32", "--num-heads", "2").status());
    assertTrue(Files.exists(tmp.resolve("again").resolve("sample.txt")), "no sample written");
    CliRun r = train("again", "--max-iters", "5", "--d-model", "32", "--num-heads", "2");
    assertEquals(1, r.status(), r::toString);
    assertTrue(r.err().contains("already holds a run") && r.err().contains("--resume"), r::toString);
    assertEquals(0, train("again", "--max-iters", "5", "--d-model", "32", "--num-heads", "2", "--overwrite",
        "--no-sample").status());
    // resuming a finished run with more steps continues it; changing the model is refused
    CliRun longer = CliRun.of("train", "--runs", tmp.toString(), "--name", "again", "--resume", "--max-iters", "10",
        "--no-progress", "--no-sample");
    assertEquals(0, longer.status(), longer::toString);
    assertTrue(longer.out().contains("resuming") && longer.out().contains("finished 10 steps"), longer::toString);
    CliRun wider = CliRun.of("train", "--runs", tmp.toString(), "--name", "again", "--resume", "--d-model", "64");
    assertEquals(1, wider.status(), wider::toString);
    assertTrue(wider.err().contains("d_model"), wider::toString);
  }

  @Test
  void aDivergingRunExitsWithStatus3() {
    CliRun r = train("diverges", "--max-iters", "100", "--d-model", "32", "--num-heads", "2", "--lr", "100",
        "--min-lr", "100", "--no-sample");
    assertEquals(TrainCommand.DIVERGED, r.status(), r::toString);
    assertTrue(r.out().contains("diverged: "), r::toString);
  }

  @Test
  void badSettingsAreOneLineErrors() {
    CliRun gpu = train("gpu", "--max-iters", "5", "--device", "cuda");
    assertEquals(1, gpu.status(), gpu::toString);
    assertEquals(1, gpu.err().strip().lines().count(), gpu::toString);
    System.out.println("--device cuda here: " + gpu.err());
    assertTrue(gpu.err().toLowerCase(java.util.Locale.ROOT).contains("cuda")
        || gpu.err().toLowerCase(java.util.Locale.ROOT).contains("gpu"), gpu::toString);
    CliRun bf16 = train("bf16", "--max-iters", "5", "--dtype", "bf16");
    assertEquals(1, bf16.status(), bf16::toString);
    assertTrue(bf16.err().contains("bf16 needs device cuda"), bf16::toString);
    CliRun both = train("both", "--no-rmsnorm", "--post-norm");
    assertEquals(1, both.status(), both::toString);
    CliRun missing = CliRun.of("train", "--runs", tmp.toString(), "--name", "nodata", "--scale", "tiny", "--train",
        tmp.resolve("nope.npy").toString(), "--valid", tmp.resolve("nope.npy").toString());
    assertEquals(1, missing.status(), missing::toString);
    assertTrue(missing.err().contains("nope.npy"), missing::toString);
  }

  @Test
  void ablationSwitchesReachTheModel() throws Exception {
    CliRun r = train("ablated", "--max-iters", "5", "--d-model", "32", "--num-heads", "2", "--no-rmsnorm", "--no-rope",
        "--ffn", "silu", "--tie-embeddings", "--no-sample");
    assertEquals(0, r.status(), r::toString);
    TrainConfig c = TrainConfigs.read(tmp.resolve("ablated"));
    assertEquals(cs336.nn.layers.TransformerConfig.Norm.NONE, c.norm());
    assertEquals(false, c.rope());
    assertEquals(cs336.nn.layers.TransformerConfig.Ffn.SILU, c.ffn());
    assertEquals(128, c.dFf());                    // 4 * d_model
    assertEquals(true, c.tieEmbeddings());
    assertEquals(0, train("post", "--max-iters", "5", "--d-model", "32", "--num-heads", "2", "--post-norm",
        "--no-sample").status());
    assertEquals(cs336.nn.layers.TransformerConfig.Norm.POST, TrainConfigs.read(tmp.resolve("post")).norm());
  }
}
