package cs336.experiments.train;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import cs336.engine.io.FileDType;
import cs336.nn.layers.TransformerConfig;
import cs336.nn.layers.TransformerConfig.Ffn;
import cs336.nn.layers.TransformerConfig.Norm;
import cs336.nn.optim.AdamW;
import cs336.nn.optim.CosineSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every setting of a training run, as saved in {@code runs/<name>/config.json} (keys in snake_case,
 * the handout's names) and set by the flags of {@code ./cs336 train} (the same names in kebab-case:
 * {@code d_model} is {@code --d-model}). {@link #defaults()} is the handout's TinyStories run;
 * {@link Scale} holds the smaller presets; {@link TrainConfigs} merges defaults, a preset, a JSON
 * file and flags.
 *
 * <p>A few settings may be null until {@link #resolved(Integer)} fills them in from the others:
 * {@code vocab_size} (the tokenizer's vocabulary, else 10,000), {@code d_ff} (SwiGLU: 8/3 d_model
 * rounded to a multiple of 64, 1,344 for d_model 512; SiLU: 4 d_model) and
 * {@code cosine_cycle_iters} (= {@code max_iters}). {@code max_iters} may stay null when
 * {@code max_minutes} is set: the trainer then times its first steps and picks the number of steps
 * that fits the budget, and saves it.
 *
 * @param trainData training tokens: a {@code .npy} (from {@code ./cs336 tokenize}) or a raw {@code .bin}
 * @param validData validation tokens, same format
 * @param dataDtype the integer type of a raw {@code .bin} file (uint16, uint32, int32, int64, uint8); null for .npy
 * @param tokenizer folder holding the {@code vocab.json} and {@code merges.txt} the data was encoded with
 *     (optional: gives the default vocab_size, and lets the run end with a sample story)
 * @param vocabSize vocabulary size, e.g. 10,000
 * @param contextLength tokens per training sequence, e.g. 256
 * @param dModel residual stream width, e.g. 512
 * @param numLayers Transformer blocks, e.g. 4
 * @param numHeads attention heads (d_model must be a multiple), e.g. 16
 * @param dFf feed-forward inner size, e.g. 1,344
 * @param ropeTheta RoPE base, e.g. 10,000
 * @param norm RMSNorm placement: pre (the handout's), post, or none (ablations)
 * @param rope rotary position embeddings; false is NoPE
 * @param ffn swiglu (the handout's) or silu (ablation)
 * @param tieEmbeddings the LM head shares the token embedding matrix
 * @param lr peak learning rate of the cosine schedule (alpha_max), e.g. 1e-3
 * @param minLr final learning rate (alpha_min), e.g. 1e-4
 * @param warmupIters linear warmup steps (T_w), e.g. 400
 * @param cosineCycleIters the step where the cosine reaches min_lr (T_c); null: max_iters
 * @param beta1 AdamW beta1, e.g. 0.9
 * @param beta2 AdamW beta2, e.g. 0.95
 * @param eps AdamW epsilon, e.g. 1e-8
 * @param weightDecay AdamW decoupled weight decay, e.g. 0.1
 * @param maxGradNorm global gradient-norm clip, e.g. 1.0; 0 turns clipping off
 * @param batchSize sequences per step, e.g. 32
 * @param maxIters optimizer steps, e.g. 40,000; null: as many as fit max_minutes
 * @param maxMinutes wall-clock budget of one invocation in minutes; null: none
 * @param evalEvery steps between validation measurements, e.g. 500 (and always at the end)
 * @param evalBatches the fixed validation batches measured each time, e.g. 20
 * @param logEvery steps between lines of metrics.jsonl, e.g. 10
 * @param checkpointEvery steps between checkpoints, e.g. 1,000 (and always at the end)
 * @param keepCheckpoints how many of the latest checkpoints to keep, e.g. 3
 * @param divergeFactor the run stops as diverged when its loss exceeds this many times its lowest
 *     (and ln vocab_size), e.g. 2; 0 turns the check off (NaN and inf always stop it)
 * @param seed seeds the initialisation and the batch sampler
 * @param device cpu or cuda
 * @param dtype fp32, or bf16 (CUDA matmul inputs in bfloat16)
 * @param threads CPU threads of the kernels; a resumed run repeats its losses bit for bit only at
 *     the same count
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
    "train_data", "valid_data", "data_dtype", "tokenizer",
    "vocab_size", "context_length", "d_model", "num_layers", "num_heads", "d_ff", "rope_theta", "norm", "rope", "ffn",
    "tie_embeddings",
    "lr", "min_lr", "warmup_iters", "cosine_cycle_iters", "beta1", "beta2", "eps", "weight_decay", "max_grad_norm",
    "batch_size", "max_iters", "max_minutes",
    "eval_every", "eval_batches", "log_every", "checkpoint_every", "keep_checkpoints", "diverge_factor",
    "seed", "device", "dtype", "threads"})
public record TrainConfig(
    // ---- data ----
    String trainData, String validData, String dataDtype, String tokenizer,
    // ---- model ----
    Integer vocabSize, int contextLength, int dModel, int numLayers, int numHeads, Integer dFf, double ropeTheta,
    Norm norm, boolean rope, Ffn ffn, boolean tieEmbeddings,
    // ---- optimizer and schedule ----
    double lr, double minLr, long warmupIters, Long cosineCycleIters, double beta1, double beta2, double eps,
    double weightDecay, double maxGradNorm,
    // ---- how long ----
    int batchSize, Long maxIters, Double maxMinutes,
    // ---- evaluation, logging, checkpoints ----
    long evalEvery, int evalBatches, long logEvery, long checkpointEvery, int keepCheckpoints, double divergeFactor,
    // ---- where and how ----
    long seed, String device, String dtype, int threads) {

  /** The vocabulary of the handout's TinyStories model, used when neither a flag nor a tokenizer sets one. */
  public static final int DEFAULT_VOCAB_SIZE = 10_000;

  /**
   * The handout's TinyStories run (section 7.2): vocab 10,000, context 256, d_model 512, 4 layers,
   * 16 heads, d_ff 1,344, theta 10,000; batch 32 for 40,000 steps (327,680,000 tokens); AdamW
   * (0.9, 0.95), weight decay 0.1, cosine from 1e-3 to 1e-4 after 400 warmup steps, clipping at 1.0;
   * on the tokens that {@code ./cs336 experiment tokenizer_experiments} writes.
   */
  public static TrainConfig defaults() {
    return new TrainConfig(
        "data/tokens/tinystories_train.npy", "data/tokens/tinystories_valid.npy", null, null,
        null, 256, 512, 4, 16, null, 10_000, Norm.PRE, true, Ffn.SWIGLU, false,
        1e-3, 1e-4, 400, null, 0.9, 0.95, 1e-8, 0.1, 1.0,
        32, 40_000L, null,
        500, 20, 10, 1_000, 3, 2.0,
        0, "cpu", "fp32", Runtime.getRuntime().availableProcessors());
  }

  /** d_ff when not given: SwiGLU 8/3 d_model rounded to a multiple of 64 (1,344 for 512), SiLU 4 d_model. */
  public static int defaultDFf(Ffn ffn, int dModel) {
    if (ffn == Ffn.SILU) return 4 * dModel;
    return (int) Math.max(64, Math.round(8.0 * dModel / 3 / 64) * 64);
  }

  /**
   * This config with the derived settings filled in: vocab_size from {@code tokenizerVocab} (null:
   * none known) or the default, d_ff from d_model and the FFN, cosine_cycle_iters from max_iters.
   */
  public TrainConfig resolved(Integer tokenizerVocab) {
    Integer v = vocabSize != null ? vocabSize : tokenizerVocab != null ? tokenizerVocab : DEFAULT_VOCAB_SIZE;
    Integer f = dFf != null ? dFf : defaultDFf(ffn, dModel);
    Long cycle = cosineCycleIters != null ? cosineCycleIters : maxIters;
    return with(v, f, maxIters, cycle);
  }

  /**
   * With max_iters (and cosine_cycle_iters, when it followed max_iters) set to {@code steps}; the
   * cycle never ends before the warmup does.
   */
  public TrainConfig withMaxIters(long steps) {
    Long cycle = cosineCycleIters == null || cosineCycleIters.equals(maxIters)
        ? Long.valueOf(Math.max(steps, warmupIters)) : cosineCycleIters;
    return with(vocabSize, dFf, steps, cycle);
  }

  private TrainConfig with(Integer v, Integer f, Long iters, Long cycle) {
    return new TrainConfig(trainData, validData, dataDtype, tokenizer, v, contextLength, dModel, numLayers, numHeads, f,
        ropeTheta, norm, rope, ffn, tieEmbeddings, lr, minLr, warmupIters, cycle, beta1, beta2, eps, weightDecay,
        maxGradNorm, batchSize, iters, maxMinutes, evalEvery, evalBatches, logEvery, checkpointEvery, keepCheckpoints,
        divergeFactor, seed, device, dtype, threads);
  }

  // ---- what the trainer builds from it ----

  /** The model's hyperparameters (call on a resolved config). */
  public TransformerConfig model() {
    return new TransformerConfig(vocabSize, contextLength, dModel, numLayers, numHeads, dFf, (float) ropeTheta, norm,
        rope, ffn, tieEmbeddings);
  }

  public AdamW.Config adamw() {
    return new AdamW.Config(lr, beta1, beta2, eps, weightDecay);
  }

  /** The schedule; before max_iters is known only its warmup part is meaningful. */
  public CosineSchedule schedule() {
    long cycle = cosineCycleIters != null ? cosineCycleIters : Long.MAX_VALUE;
    return new CosineSchedule(lr, minLr, warmupIters, Math.max(cycle, warmupIters));
  }

  /** Tokens per optimizer step. */
  public long tokensPerStep() {
    return (long) batchSize * contextLength;
  }

  /** The dtype of raw .bin token files, or null. */
  public FileDType rawDtype() {
    return dataDtype == null ? null : tokenDtype(dataDtype);
  }

  /** uint8, uint16, uint32, int32 or int64 (any case) as a file type. */
  static FileDType tokenDtype(String name) {
    FileDType t = switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "uint8" -> FileDType.UINT8;
      case "uint16" -> FileDType.UINT16;
      case "uint32" -> FileDType.UINT32;
      case "int32" -> FileDType.INT32;
      case "int64" -> FileDType.INT64;
      default -> null;
    };
    if (t == null) throw new IllegalArgumentException("token dtype must be uint8, uint16, uint32, int32 or int64, got '" + name + "'");
    return t;
  }

  // ---- checks ----

  /**
   * Every problem of a resolved config, as one IllegalArgumentException listing them all with their
   * keys (nothing is thrown when there are none).
   */
  public TrainConfig validate() {
    List<String> p = new ArrayList<>();
    if (trainData == null || trainData.isBlank()) p.add("train_data is not set");
    if (validData == null || validData.isBlank()) p.add("valid_data is not set");
    if (dataDtype != null) {
      try {
        tokenDtype(dataDtype);
      } catch (IllegalArgumentException e) {
        p.add("data_dtype: " + e.getMessage());
      }
    }
    positive(p, "vocab_size", vocabSize == null ? 0 : vocabSize);
    positive(p, "context_length", contextLength);
    positive(p, "d_model", dModel);
    if (numLayers < 0) p.add("num_layers must be >= 0, got " + numLayers);
    positive(p, "num_heads", numHeads);
    positive(p, "d_ff", dFf == null ? 0 : dFf);
    if (numHeads > 0 && dModel % numHeads != 0) p.add("d_model " + dModel + " must be a multiple of num_heads " + numHeads);
    if (rope && numHeads > 0 && dModel % numHeads == 0 && (dModel / numHeads) % 2 != 0) {
      p.add("RoPE needs an even head size, d_model / num_heads = " + dModel / numHeads + " (or use --no-rope)");
    }
    if (!(ropeTheta > 0)) p.add("rope_theta must be positive, got " + ropeTheta);
    if (norm == null) p.add("norm must be pre, post or none");
    if (ffn == null) p.add("ffn must be swiglu or silu");
    if (!(lr >= 0) || !(minLr >= 0)) p.add("lr and min_lr must be >= 0, got " + lr + " and " + minLr);
    if (warmupIters < 0) p.add("warmup_iters must be >= 0, got " + warmupIters);
    if (cosineCycleIters != null && cosineCycleIters < warmupIters) {
      p.add("cosine_cycle_iters " + cosineCycleIters + " must be >= warmup_iters " + warmupIters);
    }
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) p.add("beta1 and beta2 must lie in [0, 1)");
    if (!(eps >= 0)) p.add("eps must be >= 0, got " + eps);
    if (!(weightDecay >= 0)) p.add("weight_decay must be >= 0, got " + weightDecay);
    if (!(maxGradNorm >= 0)) p.add("max_grad_norm must be >= 0 (0: no clipping), got " + maxGradNorm);
    positive(p, "batch_size", batchSize);
    if (maxIters == null && maxMinutes == null) p.add("set max_iters, max_minutes or both");
    if (maxIters != null && maxIters < 1) p.add("max_iters must be >= 1, got " + maxIters);
    if (maxMinutes != null && !(maxMinutes > 0)) p.add("max_minutes must be positive, got " + maxMinutes);
    if (maxIters == null && maxMinutes != null && warmupIters < Calibration.STEPS) {
      p.add("choosing max_iters from max_minutes times the warmup steps: set warmup_iters >= " + Calibration.STEPS
          + " or give max_iters");
    }
    positive(p, "eval_every", evalEvery);
    positive(p, "eval_batches", evalBatches);
    positive(p, "log_every", logEvery);
    positive(p, "checkpoint_every", checkpointEvery);
    positive(p, "keep_checkpoints", keepCheckpoints);
    if (!(divergeFactor == 0 || divergeFactor > 1)) p.add("diverge_factor must be 0 (off) or > 1, got " + divergeFactor);
    if (!"cpu".equals(device) && !"cuda".equals(device)) p.add("device must be cpu or cuda, got " + device);
    String dt = dtype == null ? "" : dtype.toLowerCase(Locale.ROOT);
    if (!dt.equals("fp32") && !dt.equals("bf16")) p.add("dtype must be fp32 or bf16, got " + dtype);
    else if (dt.equals("bf16") && !"cuda".equals(device)) p.add("dtype bf16 needs device cuda (the CPU computes in fp32)");
    positive(p, "threads", threads);
    if (!p.isEmpty()) throw new IllegalArgumentException("invalid training config: " + String.join("; ", p));
    return this;
  }

  private static void positive(List<String> problems, String key, long value) {
    if (value < 1) problems.add(key + " must be >= 1, got " + value);
  }
}
