package cs336.bench.nn;

import cs336.autograd.Tensor;
import cs336.engine.NDArray;
import cs336.engine.Parallel;
import cs336.nn.Rng;
import cs336.nn.data.Batches;
import cs336.nn.layers.TransformerConfig;
import cs336.nn.layers.TransformerLM;
import cs336.nn.optim.AdamW;
import cs336.nn.optim.TrainingStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Times full training steps (forward, cross-entropy, backward, AdamW; no clipping, as in
 * bench/torch_baseline.py) of the handout's TinyStories model on random tokens, and prints one JSON
 * line in the PyTorch baseline's format: tokens/s (batch * context / mean step time), mean and best
 * step time, and the process's peak resident memory (VmHWM).
 *
 * <pre>
 *   bench/train-step.sh --batch 32 --threads 2 --steps 5 --warmup 2
 * </pre>
 */
public final class TrainStepMain {
  private TrainStepMain() {}

  public static void main(String[] args) throws IOException {
    int batch = 32, threads = 2, steps = 5, warmup = 2;
    long seed = 0;
    for (int i = 0; i < args.length; i += 2) {
      String v = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--batch" -> batch = Integer.parseInt(v);
        case "--threads" -> threads = Integer.parseInt(v);
        case "--steps" -> steps = Integer.parseInt(v);
        case "--warmup" -> warmup = Integer.parseInt(v);
        case "--seed" -> seed = Long.parseLong(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (use --batch, --threads, --steps, --warmup, --seed)");
      }
    }
    Parallel.setThreads(threads);
    TransformerConfig config = TransformerConfig.tinyStories();
    TransformerLM model = new TransformerLM(config, seed);
    TrainingStep step = new TrainingStep(model, new AdamW(model, new AdamW.Config(1e-3, 0.9, 0.95, 1e-8, 0.1)), 0);
    Rng rng = new Rng(seed + 1);
    int T = config.contextLength();
    double total = 0, best = Double.MAX_VALUE;
    float loss = Float.NaN;
    for (int i = 0; i < warmup + steps; i++) {
      Batches.Batch b = randomBatch(rng, batch, T, config.vocabSize());
      long t0 = System.nanoTime();
      loss = step.run(b, 1e-3).loss();
      double dt = (System.nanoTime() - t0) * 1e-9;
      if (i >= warmup) {
        total += dt;
        best = Math.min(best, dt);
      }
    }
    double mean = total / steps;
    System.out.println(String.format(Locale.ROOT, "{\"impl\": \"java\", \"kernels\": \"%s\", \"batch\": %d, "
        + "\"context_length\": %d, \"threads\": %d, \"parameters\": %d, \"warmup\": %d, \"steps\": %d, "
        + "\"step_s_mean\": %.4f, \"step_s_best\": %.4f, \"tokens_per_s\": %.1f, \"tokens_per_s_best\": %.1f, "
        + "\"loss_last\": %.4f, \"peak_rss_mb\": %.1f}",
        model.arena().params().kernels().name(), batch, T, threads, model.numParameters(), warmup, steps, mean, best,
        batch * T / mean, batch * T / best, loss, peakRssMb()));
  }

  /** Uniform random inputs and targets, int64 [batch, T], like the PyTorch baseline's. */
  static Batches.Batch randomBatch(Rng rng, int batch, int T, int vocab) {
    long[] x = new long[batch * T], y = new long[batch * T];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextInt(vocab);
      y[i] = rng.nextInt(vocab);
    }
    return new Batches.Batch(Tensor.of(NDArray.ofLongs(x, batch, T)), Tensor.of(NDArray.ofLongs(y, batch, T)));
  }

  /** The peak resident set size of this process in MiB (Linux's VmHWM), or -1 elsewhere. */
  static double peakRssMb() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) return -1;
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
    }
    return -1;
  }
}
