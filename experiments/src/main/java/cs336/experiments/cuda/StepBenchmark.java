package cs336.experiments.cuda;

import cs336.autograd.Tensor;
import cs336.engine.AdamWStep;
import cs336.engine.DType;
import cs336.engine.NDArray;
import cs336.engine.Device;
import cs336.engine.cuda.Precision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Speed on the GPU: the main kernels alone (GEMM TFLOP/s at the TinyStories model's shapes,
 * attention forward + backward) and the whole training step of the TinyStories model (forward,
 * cross-entropy, backward, AdamW over one parameter arena; batch x context tokens per step), in
 * FP32 and BF16 matmul; then the first steps' loss curves of the two precisions side by side. Timings
 * wait for the GPU ({@link DeviceUnderTest#synchronize}) before reading the clock.
 *
 * <p>The data is a fixed random Markov chain over the vocabulary (each token's successor is one
 * fixed token three times in four, else uniform), learnable, so the loss curves mean something and
 * the run needs no data files.
 */
final class StepBenchmark {
  private final DeviceUnderTest dut;
  private final Device gpu;
  private final HarnessLm.Config config;
  private final int batch;

  StepBenchmark(DeviceUnderTest dut, HarnessLm.Config config, int batch) {
    this.dut = dut;
    this.gpu = dut.device();
    this.config = config;
    this.batch = batch;
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
        NDArray a = i == 3 ? NDArray.randn(r, k, m).to(gpu).transpose(0, 1) : NDArray.randn(r, m, k).to(gpu);
        NDArray b = NDArray.randn(r, nn, k).to(gpu).transpose(0, 1);
        NDArray c = NDArray.zeros(gpu, DType.FLOAT32, m, nn);
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
    NDArray q = NDArray.randn(r, B, H, T, D).to(gpu), k = NDArray.randn(r, B, H, T, D).to(gpu);
    NDArray v = NDArray.randn(r, B, H, T, D).to(gpu), dOut = NDArray.randn(r, B, H, T, D).to(gpu);
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

  /** Parameters, gradients and AdamW moments, each one arena on the GPU; weights are views into it. */
  private final class Model {
    final NDArray params, grads, m, v;
    final Map<String, Tensor> weights = new LinkedHashMap<>();
    final Tensor positions;

    Model(long seed) {
      Map<String, int[]> shapes = config.shapes();
      int total = 0;
      for (int[] s : shapes.values()) total += cs336.engine.Shapes.numel(s);
      params = NDArray.zeros(gpu, DType.FLOAT32, total);
      grads = params.newZeros(total);
      m = params.newZeros(total);
      v = params.newZeros(total);
      Random r = new Random(seed);
      int off = 0;
      for (Map.Entry<String, int[]> e : shapes.entrySet()) {
        int[] s = e.getValue();
        int n = cs336.engine.Shapes.numel(s);
        NDArray p = params.narrow(0, off, n).view(s);
        p.copyFrom(init(e.getKey(), s, r).to(gpu));
        Tensor t = Tensor.of(p).requiresGrad(true).name(e.getKey());
        t.setGrad(grads.narrow(0, off, n).view(s));
        weights.put(e.getKey(), t);
        off += n;
      }
      long[] pos = new long[config.contextLength()];
      for (int i = 0; i < pos.length; i++) pos[i] = i;
      positions = Tensor.of(NDArray.ofLongs(pos).to(gpu));
    }

    /** The handout's initialisation: RMSNorm gains 1; truncated normals (+-3 std) otherwise. */
    private NDArray init(String name, int[] s, Random r) {
      if (s.length == 1) return NDArray.ones(s);
      double std = name.equals("token_embeddings.weight") ? 1 : Math.sqrt(2.0 / (s[0] + s[1]));
      float[] v = new float[s[0] * s[1]];
      for (int i = 0; i < v.length; i++) {
        double x;
        do x = r.nextGaussian(); while (Math.abs(x) > 3);
        v[i] = (float) (x * std);
      }
      return NDArray.of(v, s);
    }

    /** One step on tokens [B, T+1]; returns the loss (read back: the step's one synchronisation). */
    float step(NDArray tokens, long t) {
      int T = config.contextLength();
      NDArray onGpu = tokens.to(gpu);
      Tensor ids = Tensor.of(onGpu.narrow(1, 0, T)), targets = Tensor.of(onGpu.narrow(1, 1, T).contiguous());
      grads.fill(0);
      Tensor loss = HarnessLm.forward(ids, weights, config, positions).crossEntropy(targets);
      loss.backward();
      params.kernels().adamw(params, grads, m, v, new AdamWStep(1e-3f, 0.9f, 0.95f, 1e-8f, 0.1f, t));
      return loss.item();
    }
  }

  /** Token windows [B, T+1] from a fixed random Markov chain (see the class comment). */
  private static final class MarkovData {
    final int[] next;
    final Random r;
    final int V;

    MarkovData(int V, long seed) {
      this.V = V;
      Random s = new Random(seed);
      next = new int[V];
      for (int i = 0; i < V; i++) next[i] = s.nextInt(V);
      r = new Random(seed + 1);
    }

    NDArray batch(int B, int T) {
      long[] v = new long[B * (T + 1)];
      for (int b = 0; b < B; b++) {
        int tok = r.nextInt(V);
        for (int t = 0; t <= T; t++) {
          v[b * (T + 1) + t] = tok;
          tok = r.nextInt(4) < 3 ? next[tok] : r.nextInt(V);
        }
      }
      return NDArray.ofLongs(v, B, T + 1);
    }
  }

  /** Tokens per second of the training step, per precision. */
  Map<String, Object> trainingStep(int warmup, int steps) {
    Map<String, Object> out = new LinkedHashMap<>();
    int tokensPerStep = batch * config.contextLength();
    for (Precision p : Precision.values()) {
      dut.precision(p);
      Model model = new Model(0);
      MarkovData data = new MarkovData(config.vocabSize(), 7);
      for (int i = 1; i <= warmup; i++) model.step(data.batch(batch, config.contextLength()), i);
      dut.synchronize();
      long t0 = System.nanoTime();
      float loss = 0;
      for (int i = 1; i <= steps; i++) loss = model.step(data.batch(batch, config.contextLength()), warmup + i);
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
      Model model = new Model(0);
      MarkovData data = new MarkovData(config.vocabSize(), 11);
      float[] losses = new float[steps];
      for (int i = 0; i < steps; i++) losses[i] = model.step(data.batch(batch, config.contextLength()), i + 1);
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
