package cs336.bench.engine;

import cs336.engine.Parallel;
import cs336.engine.cpu.gemm.Gemm;
import cs336.engine.cpu.gemm.GemmReference;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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

/**
 * {@link Gemm#sgemm} on the square sizes and the Transformer LM's shapes (d_model 512, d_ff 1344,
 * vocabulary 10000, 8192 tokens per batch), at 1 and 2 threads; the {@code :NT} cases are the
 * forward of a linear layer as the LM stores it (y = x W^T, W [out, in]). The {@code gflops}
 * counter is the rate in GFLOP/s (2 m n k per call). {@code bench/compare-blas.sh} runs the same
 * shapes next to numpy's OpenBLAS.
 *
 * <p>Before timing, {@link #setUp} checks the result against {@link GemmReference} on a sample of
 * rows (the full triple loop over the large shapes would take minutes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class GemmBench {

  @Param({"512x512x512", "1024x1024x1024", "2048x2048x2048", "8192x512x1344", "8192x512x10000",
      "8192x10000x512", "512x8192x1344:TN", "8192x512x1344:NT", "8192x512x10000:NT"})
  public String shape;

  @Param({"1", "2"})
  public int threads;

  private GemmShape s;
  private float[] a;
  private float[] b;
  private float[] c;

  /** GFLOP done, reported by JMH as a rate: GFLOP/s. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Rate {
    public double gflops;

    @Setup(Level.Iteration)
    public void reset() {
      gflops = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    Parallel.setThreads(threads);
    s = GemmShape.parse(shape);
    a = GemmShape.random(s.m() * s.k(), 1);
    b = GemmShape.random(s.k() * s.n(), 2);
    c = new float[s.m() * s.n()];
    run();
    validateSampledRows();
  }

  private void run() {
    Gemm.sgemm(s.m(), s.n(), s.k(), a, 0, s.aRowStride(), s.aColStride(),
        b, 0, s.bRowStride(), s.bColStride(), c, 0, s.n(), false);
  }

  /** Recomputes a few rows of C (first, last and spread between) with the reference. */
  private void validateSampledRows() {
    int rows = Math.min(s.m(), 8);
    float[] want = new float[s.n()];
    for (int r = 0; r < rows; r++) {
      int i = rows == 1 ? 0 : (int) ((long) (s.m() - 1) * r / (rows - 1));
      GemmReference.sgemm(1, s.n(), s.k(), a, i * s.aRowStride(), s.aRowStride(), s.aColStride(),
          b, 0, s.bRowStride(), s.bColStride(), want, 0, s.n(), false);
      for (int j = 0; j < s.n(); j++) {
        double mag = 0;
        for (int p = 0; p < s.k(); p++) {
          mag += Math.abs((double) a[i * s.aRowStride() + p * s.aColStride()]
              * b[p * s.bRowStride() + j * s.bColStride()]);
        }
        double err = Math.abs(c[i * s.n() + j] - want[j]);
        if (!(err <= 1e-6 + 2.0 * s.k() * 0x1p-24 * mag)) {
          throw new IllegalStateException("GEMM " + shape + " at " + threads + " threads: C[" + i
              + ", " + j + "] = " + c[i * s.n() + j] + " but the reference gives " + want[j]);
        }
      }
    }
  }

  @Benchmark
  public void sgemm(Rate rate) {
    run();
    rate.gflops += s.flops() * 1e-9;
  }
}
