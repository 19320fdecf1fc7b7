package cs336.experiments.cli;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import cs336.experiments.train.TrainConfigs;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags of {@code ./cs336 train} that set {@link cs336.experiments.train.TrainConfig} keys.
 *
 * <p>Each field is named exactly like the config component it sets ({@code dModel} sets
 * {@code d_model}) and is null unless its flag was given, so {@link #values()} can list what the
 * command line set, by key, without a table to keep in step: it reads the fields. The ablation
 * switches ({@code --no-rmsnorm}, {@code --post-norm}) are the only flags that are not a key of
 * their own.
 */
public final class TrainFlags {
  // ---- data ----
  @Option(names = {"--train-data", "--train"}, paramLabel = "FILE",
      description = "Training tokens: .npy from ./cs336 tokenize, or raw .bin with --data-dtype.")
  String trainData;

  @Option(names = {"--valid-data", "--valid"}, paramLabel = "FILE", description = "Validation tokens (same format).")
  String validData;

  @Option(names = "--data-dtype", paramLabel = "TYPE", description = "Integer type of raw .bin token files: uint16, uint32, int32, int64, uint8.")
  String dataDtype;

  @Option(names = "--tokenizer", paramLabel = "DIR",
      description = "Folder with vocab.json and merges.txt the data was encoded with: sets the default --vocab-size and lets the run end with a sample.")
  String tokenizer;

  // ---- model ----
  @Option(names = "--vocab-size", description = "Vocabulary size (default: the tokenizer's, else 10000).")
  Integer vocabSize;

  @Option(names = "--context-length", description = "Tokens per sequence (default 256).")
  Integer contextLength;

  @Option(names = "--d-model", description = "Model width (default 512).")
  Integer dModel;

  @Option(names = "--num-layers", description = "Transformer blocks (default 4).")
  Integer numLayers;

  @Option(names = "--num-heads", description = "Attention heads (default 16).")
  Integer numHeads;

  @Option(names = "--d-ff", description = "Feed-forward size (default: SwiGLU 8/3 d_model rounded to 64, SiLU 4 d_model).")
  Integer dFf;

  @Option(names = "--rope-theta", description = "RoPE theta (default 10000).")
  Double ropeTheta;

  @Option(names = "--norm", paramLabel = "pre|post|none", description = "Where the RMSNorms sit (default pre).")
  String norm;

  @Option(names = "--rope", negatable = true, description = "RoPE position embeddings (default on; --no-rope: NoPE).")
  Boolean rope;

  @Option(names = "--ffn", paramLabel = "swiglu|silu", description = "Feed-forward network (default swiglu).")
  String ffn;

  @Option(names = "--tie-embeddings", negatable = true, description = "Share the token embeddings with the LM head (default off).")
  Boolean tieEmbeddings;

  @Option(names = "--no-rmsnorm", description = "Ablation: no RMSNorm anywhere (= --norm none).")
  boolean noRmsnorm;

  @Option(names = "--post-norm", description = "Ablation: post-norm blocks (= --norm post).")
  boolean postNorm;

  // ---- optimizer and schedule ----
  @Option(names = {"--lr", "--learning-rate"}, description = "Peak learning rate (default 1e-3).")
  Double lr;

  @Option(names = "--min-lr", description = "Final learning rate of the cosine (default 1e-4).")
  Double minLr;

  @Option(names = "--warmup-iters", description = "Linear warmup steps (default 400).")
  Long warmupIters;

  @Option(names = "--cosine-cycle-iters", description = "Step where the cosine reaches --min-lr (default: --max-iters).")
  Long cosineCycleIters;

  @Option(names = "--beta1", description = "AdamW beta1 (default 0.9).")
  Double beta1;

  @Option(names = "--beta2", description = "AdamW beta2 (default 0.95).")
  Double beta2;

  @Option(names = "--eps", description = "AdamW epsilon (default 1e-8).")
  Double eps;

  @Option(names = "--weight-decay", description = "AdamW weight decay (default 0.1).")
  Double weightDecay;

  @Option(names = "--max-grad-norm", description = "Gradient clipping norm; 0 turns it off (default 1.0).")
  Double maxGradNorm;

  // ---- how long ----
  @Option(names = "--batch-size", description = "Sequences per step (default 32).")
  Integer batchSize;

  @Option(names = {"--max-iters", "--steps"}, description = "Optimizer steps (default 40000).")
  Long maxIters;

  @Option(names = "--max-minutes", description = "Wall-clock budget in minutes; without --max-iters the step count is chosen to fit it.")
  Double maxMinutes;

  // ---- evaluation, logging, checkpoints ----
  @Option(names = "--eval-every", description = "Steps between validation measurements (default 500; always at the end).")
  Long evalEvery;

  @Option(names = "--eval-batches", description = "Fixed validation batches per measurement (default 20).")
  Integer evalBatches;

  @Option(names = "--log-every", description = "Steps between metrics lines (default 10).")
  Long logEvery;

  @Option(names = "--checkpoint-every", description = "Steps between checkpoints (default 1000; always at the end).")
  Long checkpointEvery;

  @Option(names = "--keep-checkpoints", description = "Latest checkpoints kept (default 3).")
  Integer keepCheckpoints;

  @Option(names = "--diverge-factor", description = "Stop when the loss exceeds this many times its lowest (and ln vocab); 0: only NaN/inf (default 2).")
  Double divergeFactor;

  // ---- where and how ----
  @Option(names = "--seed", description = "Seed of the initialisation and the batch sampler (default 0).")
  Long seed;

  @Option(names = "--device", paramLabel = "cpu|cuda", description = "Where to train (default cpu).")
  String device;

  @Option(names = "--dtype", paramLabel = "fp32|bf16", description = "Matmul precision; bf16 needs --device cuda (default fp32).")
  String dtype;

  @Option(names = "--threads", description = "CPU threads (default: all cores).")
  Integer threads;

  /** The config keys the command line set, with their values. */
  public Map<String, Object> values() {
    Map<String, Object> m = new LinkedHashMap<>();
    List<String> keys = TrainConfigs.keys();
    var snake = new PropertyNamingStrategies.SnakeCaseStrategy();
    for (Field f : TrainFlags.class.getDeclaredFields()) {
      String key = snake.translate(f.getName());
      if (!keys.contains(key)) continue;             // the two ablation switches
      try {
        Object v = f.get(this);
        if (v != null) m.put(key, v);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    if (noRmsnorm && postNorm) throw new IllegalArgumentException("--no-rmsnorm and --post-norm exclude each other");
    String switched = noRmsnorm ? "none" : postNorm ? "post" : null;
    if (switched != null) {
      if (norm != null && !norm.equalsIgnoreCase(switched)) {
        throw new IllegalArgumentException("--norm " + norm + " contradicts --" + (noRmsnorm ? "no-rmsnorm" : "post-norm"));
      }
      m.put("norm", switched);
    }
    return m;
  }
}
