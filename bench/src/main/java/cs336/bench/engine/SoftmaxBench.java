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
 * Softmax forward and backward over [8192, 10000] float32 (the LM's logits at batch 32 x 256 with
 * a 10k vocabulary), beside one System.arraycopy of the same 328 MB. Target: each within 1.5x of
 * the copy. The kernels run at 1 and 2 engine threads (the copy is one thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class SoftmaxBench extends CopyBaseline {
  static final int ROWS = 8192, COLS = 10_000;

  NDArray x, y, dy, out, dx;

  @Setup
  public void setup() {
    Random r = new Random(42);
    x = NDArray.randn(r, ROWS, COLS).mul(3f);
    dy = NDArray.randn(r, ROWS, COLS);
    y = NDArray.zeros(ROWS, COLS);
    out = NDArray.zeros(ROWS, COLS);
    dx = NDArray.zeros(ROWS, COLS);
    baseline(x);
    kernels.softmax(x, 1, y);
    // validate on the first 256 rows against the scalar reference
    NDArray xs = x.narrow(0, 0, 256), ys = y.narrow(0, 0, 256), gs = dy.narrow(0, 0, 256);
    NDArray ref = NDArray.zeros(256, COLS), dref = NDArray.zeros(256, COLS), dgot = NDArray.zeros(256, COLS);
    ScalarKernels.INSTANCE.softmax(xs, 1, ref);
    Validation.same("softmax (" + kernels.name() + ")", ref, ys, 1e-7, 1e-5);
    ScalarKernels.INSTANCE.softmaxBackward(ys, gs, 1, dref);
    kernels.softmaxBackward(ys, gs, 1, dgot);
    Validation.same("softmax backward (" + kernels.name() + ")", dref, dgot, 1e-7, 1e-5);
  }

  @Benchmark
  public NDArray softmaxForward() {
    kernels.softmax(x, 1, out);
    return out;
  }

  @Benchmark
  public NDArray softmaxBackward() {
    kernels.softmaxBackward(y, dy, 1, dx);
    return dx;
  }
}
