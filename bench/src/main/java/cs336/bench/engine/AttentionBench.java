package cs336.bench.engine;

import cs336.engine.Parallel;
import cs336.engine.cpu.attention.AttentionComposite;
import cs336.engine.cpu.attention.AttentionReference;
import cs336.engine.cpu.attention.AttnView;
import cs336.engine.cpu.attention.FlashAttention;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Causal attention forward + backward at [B, H, T, D] = [32, 16, 256, 32] (issue 4): the tiled
 * {@link FlashAttention} ({@code flash}) against the composite that materialises the T x T
 * matrices, twice: {@link AttentionComposite} ({@code composite}, the fair baseline: same Vector API
 * matmul micro-kernel, same threads, so only the algorithm differs) and
 * {@link GemmCompositeAttention} ({@code compositeGemm}, matmuls by the engine's
 * {@code Gemm.sgemmBatched}, as fast as today's GEMM is). Every variant is checked against
 * {@link AttentionReference} in setup, before anything is timed.
 *
 * <p>Extra memory per head: run with {@code -prof gc}; {@code gc.alloc.rate.norm} is the bytes each
 * forward + backward allocates, and the setup prints the same figure worked out per head.
 *
 * <pre>
 *   bench/jmh Attention -prof gc
 *   bench/jmh 'Attention.*(flash|composite)$' -p threads=1,2
 *   bench/jmh Attention -p T=512       # another size
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AttentionBench {
  @Param("32") int B;
  @Param("16") int H;
  @Param("256") int T;
  @Param("32") int D;
  /** Threads of {@link Parallel} (the machine has 2 cores). */
  @Param("2") int threads;

  float scale;
  float[] q, k, v, dO, o, lse, dq, dk, dv;
  GemmCompositeAttention gemm;

  @Setup(Level.Trial)
  public void setup() {
    Parallel.setThreads(threads);
    Random rnd = new Random(42);
    int n = B * H * T * D;
    q = gaussian(rnd, n);
    k = gaussian(rnd, n);
    v = gaussian(rnd, n);
    dO = gaussian(rnd, n);
    o = new float[n];
    dq = new float[n];
    dk = new float[n];
    dv = new float[n];
    lse = new float[B * H * T];
    scale = (float) (1 / Math.sqrt(D));
    gemm = new GemmCompositeAttention(B, H, T, D, scale);
    if (!FlashAttention.usesVectorApi()) throw new IllegalStateException("FlashAttention is not using the Vector API");
    validate();
    long flash = 4L * T;         // lse, kept from forward to backward
    long composite = 4L * T * T; // P, kept from forward to backward (plus dP / dS: T x T per head or per thread)
    System.out.printf("%nthreads %d; extra memory per head: flash %d B (lse) + per-thread tiles;"
        + " composite %d B (P) + T x T dS%n", Parallel.threads(), flash, composite);
  }

  private static float[] gaussian(Random rnd, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) rnd.nextGaussian();
    return x;
  }

  @Benchmark
  public void flash(Blackhole bh) {
    AttnView q = view(this.q), k = view(this.k), v = view(this.v), o = view(this.o);
    FlashAttention.forward(B, H, T, T, D, scale, true, q, k, v, o, lse);
    FlashAttention.backward(B, H, T, T, D, scale, true, q, k, v, o, view(dO), lse, view(dq), view(dk), view(dv));
    bh.consume(dq);
  }

  @Benchmark
  public void composite(Blackhole bh) {
    AttnView q = view(this.q), k = view(this.k), v = view(this.v);
    float[] p = AttentionComposite.forward(B, H, T, T, D, scale, true, q, k, v, view(o), lse);
    AttentionComposite.backward(B, H, T, T, D, scale, true, q, k, v, p, view(dO), view(dq), view(dk), view(dv));
    bh.consume(dq);
  }

  @Benchmark
  public void compositeGemm(Blackhole bh) {
    float[] p = gemm.forward(q, k, v, o);
    gemm.backward(q, k, v, p, dO, dq, dk, dv);
    bh.consume(dq);
  }

  private AttnView view(float[] x) {
    return AttnView.contiguous(x, H, T, D);
  }

  // ---- validation against the reference (first and last batch entries) ----

  private void validate() {
    float[][] ref = reference();
    flash(blackhole());
    compare("flash", ref);
    composite(blackhole());
    compare("composite", ref);
    compositeGemm(blackhole());
    compare("compositeGemm", ref);
  }

  private static Blackhole blackhole() {
    return new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
  }

  /** o, dq, dk, dv of batch entries 0 and B - 1 by the reference, [2, H, T, D] each. */
  private float[][] reference() {
    int per = H * T * D;
    float[][] out = new float[4][2 * per];
    for (int e = 0; e < 2; e++) {
      int b = e == 0 ? 0 : B - 1;
      AttnView q = slice(this.q, b), k = slice(this.k, b), v = slice(this.v, b), dO = slice(this.dO, b);
      float[] o = new float[per], dq = new float[per], dk = new float[per], dv = new float[per];
      float[] lse = new float[H * T];
      AttentionReference.forward(1, H, T, T, D, scale, true, q, k, v, view(o), lse);
      AttentionReference.backward(1, H, T, T, D, scale, true, q, k, v, view(o), dO, lse, view(dq), view(dk), view(dv));
      float[][] got = {o, dq, dk, dv};
      for (int w = 0; w < 4; w++) System.arraycopy(got[w], 0, out[w], e * per, per);
    }
    return out;
  }

  private AttnView slice(float[] x, int b) {
    return new AttnView(x, b * H * T * D, H * T * D, T * D, D);
  }

  private void compare(String name, float[][] ref) {
    int per = H * T * D;
    float[][] got = {o, dq, dk, dv};
    String[] what = {"o", "dq", "dk", "dv"};
    for (int w = 0; w < 4; w++) {
      for (int e = 0; e < 2; e++) {
        int base = (e == 0 ? 0 : B - 1) * per;
        for (int i = 0; i < per; i++) {
          float a = got[w][base + i], r = ref[w][e * per + i];
          if (!(Math.abs(a - r) <= 1e-4f + 1e-3f * Math.abs(r))) {
            throw new IllegalStateException(name + " " + what[w] + " differs from the reference at batch "
                + (e == 0 ? 0 : B - 1) + " index " + i + ": " + a + " vs " + r);
          }
        }
      }
      java.util.Arrays.fill(got[w], Float.NaN); // the next variant must write everything again
    }
  }
}
