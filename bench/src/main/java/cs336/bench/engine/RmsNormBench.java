package cs336.bench.engine;

import cs336.engine.NDArray;
import cs336.engine.cpu.scalar.ScalarKernels;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * RMSNorm over [8192, 512] float32 (the LM's activations at batch 32 x 256, d_model 512) forward
 * and backward, beside one System.arraycopy of the same 16 MB. Target for the forward: within
 * 1.5x of the copy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class RmsNormBench extends CopyBaseline {
  static final int ROWS = 8192, C = 512;

  NDArray x, w, out, rstd, dOut, dx, dw;

  @Setup
  public void setup() {
    Random r = new Random(7);
    x = NDArray.randn(r, ROWS, C);
    w = NDArray.rand(r, C).add(0.5f);
    dOut = NDArray.randn(r, ROWS, C);
    out = NDArray.zeros(ROWS, C);
    rstd = NDArray.zeros(ROWS);
    dx = NDArray.zeros(ROWS, C);
    dw = NDArray.zeros(C);
    baseline(x);
    NDArray ref = NDArray.zeros(ROWS, C), refRstd = NDArray.zeros(ROWS);
    ScalarKernels.INSTANCE.rmsNorm(x, w, 1e-5f, ref, refRstd);
    kernels.rmsNorm(x, w, 1e-5f, out, rstd);
    Validation.same("rmsNorm (" + kernels.name() + ")", ref, out, 1e-6, 1e-5);
    NDArray refDx = NDArray.zeros(ROWS, C), refDw = NDArray.zeros(C);
    ScalarKernels.INSTANCE.rmsNormBackward(x, w, rstd, dOut, refDx, refDw);
    kernels.rmsNormBackward(x, w, rstd, dOut, dx, dw);
    Validation.same("rmsNorm backward dx (" + kernels.name() + ")", refDx, dx, 1e-5, 1e-4);
    Validation.same("rmsNorm backward dWeight (" + kernels.name() + ")", refDw, dw, 1e-3, 1e-4);
  }

  @Benchmark
  public NDArray rmsNormForward() {
    kernels.rmsNorm(x, w, 1e-5f, out, rstd);
    return out;
  }

  @Benchmark
  public NDArray rmsNormBackward() {
    kernels.rmsNormBackward(x, w, rstd, dOut, dx, dw);
    return dx;
  }
}
