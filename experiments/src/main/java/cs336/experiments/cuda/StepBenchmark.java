package cs336.experiments.cuda;

import cs336.engine.DType;
import cs336.engine.Device;
import cs336.engine.NDArray;
import cs336.engine.cuda.Precision;
import cs336.engine.io.HostArray;
import cs336.nn.Rng;
import cs336.nn.data.Batches;
import cs336.nn.data.TokenDataset;
import cs336.nn.layers.TransformerConfig;
import cs336.nn.layers.TransformerLM;
import cs336.nn.optim.AdamW;
import cs336.nn.optim.TrainingStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Speed on the GPU: the main kernels alone (GEMM TFLOP/s at the TinyStories model's shapes,
 * attention forward + backward) and the whole training step of the nn module's
 * {@link TransformerLM} ({@link TrainingStep}: forward, cross-entropy, backward, {@link AdamW} over
 * the parameter arena; batch x context tokens per step, batches drawn by {@link Batches#getBatch}
 * onto the device), in FP32 and BF16 matmul; then the first steps' loss curves of the two precisions
 * side by side, from the same initialisation and batches. Timings wait for the GPU
 * ({@link DeviceUnderTest#synchronize}) before reading the clock.
 *
 * <p>The data is a fixed random Markov chain over the vocabulary (each token's successor is one
 * fixed token three times in four, else uniform), learnable, so the loss curves mean something and
 * the run needs no data files.
 */
final class StepBenchmark {
  /** The learning rate of every step (constant: these runs are short). */
  private static final double LR = 1e-3;

  private final DeviceUnderTest dut;
  private final Device device;
  private final TransformerConfig config;
  private final int batch;
  private final TokenDataset data;

  /** Benchmarks of {@code config}'s model (the TinyStories one in cuda-check) at {@code batch} sequences per step. */
  StepBenchmark(DeviceUnderTest dut, TransformerConfig config, int batch) {
    this.dut = dut;
    this.device = dut.device();
    this.config = config;
    this.batch = batch;
    this.data = markovTokens(config.vocabSize(), Math.max(1 << 20, 4 * batch * (config.contextLength() + 1)), 7);
  }

  private static double round(double v, int digits) {
    double s = Math.pow(10, digits);
    return Math.round(v * s) / s;
  }

  private long time(Runnable r, int warmup, int reps) {
    for (int i = 0; i < warmup; i++) r.run();
    dut.synchronize();
    long t0 = System.nanoTime();
    for (int i = 0; i < reps; i++) r.run();
    dut.synchronize();
    return (System.nanoTime() - t0) / reps;
  }

  // ---- kernels alone ----

  /** TFLOP/s of the GEMMs of one training step, per precision. */
  Map<String, Object> gemms() {
    int n = batch * config.contextLength(), C = config.dModel(), F = config.dFf(), V = config.vocabSize();
    int[][] shapes = {{n, C, V}, {n, C, C}, {n, C, F}, {C, n, F}};
    String[] names = {"lm_head x W^T", "projection x W^T", "ffn x W1^T", "weight gradient dY^T X (split k)"};
    Random r = new Random(1);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Precision p : Precision.values()) {
      dut.precision(p);
      for (int i = 0; i < shapes.length; i++) {
        int m = shapes[i][0], k = shapes[i][1], nn = shapes[i][2];
        // a [m, k] as the transpose of [k, m] for the weight gradient, as backward passes it
        NDArray a = i == 3 ? NDArray.randn(r, k, m).to(device).transpose(0, 1) : NDArray.randn(r, m, k).to(device);
        NDArray b = NDArray.randn(r, nn, k).to(device).transpose(0, 1);
        NDArray c = NDArray.zeros(device, DType.FLOAT32, m, nn);
        long ns = time(() -> c.kernels().matmul(a, b, c, false), 2, 10);
        double tflops = 2.0 * m * nn * k / ns / 1e3;
        out.put(p.label() + " " + names[i] + " " + m + "x" + k + "x" + nn, round(tflops, 1));
        System.out.printf(Locale.ROOT, "bench %-5s %-36s %6d x %5d x %5d  %7.1f TFLOP/s%n", p.label(), names[i], m, k, nn,
            tflops);
      }
    }
    dut.precision(Precision.FP32);
    return out;
  }

  /** Milliseconds of causal flash attention forward and backward at the model's shape. */
  Map<String, Object> attention() {
    int B = batch, H = config.numHeads(), T = config.contextLength(), D = config.dModel() / H;
    Random r = new Random(2);
    NDArray q = NDArray.randn(r, B, H, T, D).to(device), k = NDArray.randn(r, B, H, T, D).to(device);
    NDArray v = NDArray.randn(r, B, H, T, D).to(device), dOut = NDArray.randn(r, B, H, T, D).to(device);
    NDArray o = q.newZeros(B, H, T, D), lse = q.newZeros(B, H, T);
    NDArray dq = q.newZeros(B, H, T, D), dk = q.newZeros(B, H, T, D), dv = q.newZeros(B, H, T, D);
    float scale = (float) (1 / Math.sqrt(D));
    long fwd = time(() -> q.kernels().attention(q, k, v, scale, true, o, lse), 2, 10);
    long bwd = time(() -> q.kernels().attentionBackward(q, k, v, o, dOut, lse, scale, true, dq, dk, dv), 2, 10);
    System.out.printf(Locale.ROOT, "bench attention B%d H%d T%d D%d causal: forward %.3f ms, backward %.3f ms%n", B, H, T,
        D, fwd / 1e6, bwd / 1e6);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("shape", List.of(B, H, T, D));
    m.put("forward_ms", round(fwd / 1e6, 3));
    m.put("backward_ms", round(bwd / 1e6, 3));
    return m;
  }

  // ---- the training step ----

  /**
   * The nn module's model (seed 0) on the device, AdamW over its parameter arena (lr 1e-3, betas
   * (0.9, 0.95), eps 1e-8, weight decay 0.1) and the training step without clipping, as
   * bench/torch_baseline.py: one step is forward, loss, backward, AdamW.
   */
  private TrainingStep newTraining() {
    TransformerLM model = TransformerLM.on(device, config, 0);
    return new TrainingStep(model, new AdamW(model, new AdamW.Config(LR, 0.9, 0.95, 1e-8, 0.1)), 0);
  }

  /** One step on a batch drawn from the Markov data onto the device; returns the loss. */
  private float step(TrainingStep training, Rng sampler) {
    return training.run(Batches.getBatch(data, batch, config.contextLength(), sampler, device), LR).loss();
  }

  /**
   * {@code n} tokens of a fixed random Markov chain over the vocabulary (see the class comment):
   * learnable, so the loss curves mean something, and no data files needed.
   */
  static TokenDataset markovTokens(int vocabSize, int n, long seed) {
    Random r = new Random(seed);
    int[] next = new int[vocabSize];
    for (int i = 0; i < vocabSize; i++) next[i] = r.nextInt(vocabSize);
    long[] tokens = new long[n];
    int tok = r.nextInt(vocabSize);
    for (int i = 0; i < n; i++) {
      tokens[i] = tok;
      tok = r.nextInt(4) < 3 ? next[tok] : r.nextInt(vocabSize);
    }
    return TokenDataset.of(HostArray.int64(tokens, n));
  }

  /** Tokens per second of the training step, per precision. */
  Map<String, Object> trainingStep(int warmup, int steps) {
    Map<String, Object> out = new LinkedHashMap<>();
    int tokensPerStep = batch * config.contextLength();
    for (Precision p : Precision.values()) {
      dut.precision(p);
      TrainingStep training = newTraining();
      Rng sampler = new Rng(7);
      for (int i = 0; i < warmup; i++) step(training, sampler);
      dut.synchronize();
      long t0 = System.nanoTime();
      float loss = 0;
      for (int i = 0; i < steps; i++) loss = step(training, sampler);
      dut.synchronize();
      double seconds = (System.nanoTime() - t0) / 1e9;
      double tps = (double) tokensPerStep * steps / seconds;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("batch", batch);
      m.put("context_length", config.contextLength());
      m.put("steps", steps);
      m.put("step_ms", round(seconds * 1000 / steps, 2));
      m.put("tokens_per_s", Math.round(tps));
      m.put("minutes_for_327680000_tokens", round(327_680_000 / tps / 60, 1));
      m.put("loss_last", round(loss, 4));
      m.put("peak_device_memory_mib", round(dut.peakBytes() / 1048576.0, 0));
      out.put(p.label(), m);
      System.out.printf(Locale.ROOT, "bench training step %-5s batch %d x %d: %.2f ms/step, %,.0f tokens/s "
          + "(%.1f min for 327,680,000 tokens), loss %.4f; %s%n", p.label(), batch, config.contextLength(),
          seconds * 1000 / steps, tps, 327_680_000 / tps / 60, loss, dut.memoryReport());
    }
    dut.precision(Precision.FP32);
    return out;
  }

  /**
   * The first {@code steps} losses in FP32 and in BF16 from the same initialisation and data; the
   * target is that BF16 stays within 1% of FP32 (compared on 20-step running means).
   */
  Map<String, Object> lossCurves(int steps) {
    Map<Precision, float[]> curves = new LinkedHashMap<>();
    for (Precision p : Precision.values()) {
      dut.precision(p);
      TrainingStep training = newTraining();
      Rng sampler = new Rng(11);
      float[] losses = new float[steps];
      for (int i = 0; i < steps; i++) losses[i] = step(training, sampler);
      curves.put(p, losses);
    }
    dut.precision(Precision.FP32);
    float[] a = curves.get(Precision.FP32), b = curves.get(Precision.BF16);
    int window = Math.min(20, steps);
    double worst = 0;
    int worstStep = 0;
    for (int i = window - 1; i < steps; i++) {
      double ma = 0, mb = 0;
      for (int j = i - window + 1; j <= i; j++) {
        ma += a[j];
        mb += b[j];
      }
      double rel = Math.abs(mb - ma) / Math.abs(ma);
      if (rel > worst) {
        worst = rel;
        worstStep = i + 1;
      }
    }
    List<Double> every10a = new ArrayList<>(), every10b = new ArrayList<>();
    for (int i = 0; i < steps; i += 10) {
      every10a.add(round(a[i], 4));
      every10b.add(round(b[i], 4));
    }
    System.out.printf(Locale.ROOT, "bench loss curves over %d steps: fp32 %.4f -> %.4f, bf16 %.4f -> %.4f, largest "
        + "difference of %d-step means %.3f%% (step %d); target <= 1%%%n", steps, a[0], a[steps - 1], b[0], b[steps - 1],
        window, 100 * worst, worstStep);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("steps", steps);
    m.put("window", window);
    m.put("max_relative_difference", round(worst, 5));
    m.put("at_step", worstStep);
    m.put("within_1_percent", worst <= 0.01);
    m.put("fp32_every_10", every10a);
    m.put("bf16_every_10", every10b);
    return m;
  }
}
