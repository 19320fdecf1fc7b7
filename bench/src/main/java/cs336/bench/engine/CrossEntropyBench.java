package cs336.bench.engine;

import cs336.autograd.Tensor;
import cs336.autograd.ops.fused.Composites;
import cs336.engine.NDArray;
import cs336.engine.Parallel;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The LM's loss, forward and backward, over logits [8192, 10000]: the fused softmax +
 * cross-entropy op against its composite twin (log-softmax, gather, mean), both through autograd.
 * The fused op stores one float per row instead of the 328 MB log-probability matrix.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class CrossEntropyBench {
  static final int ROWS = 8192, V = 10_000;

  @Param({"2"})
  int threads;

  Tensor logits;
  Tensor targets;

  @Setup
  public void setup() {
    Parallel.setThreads(threads);
    Random r = new Random(11);
    logits = Tensor.of(NDArray.randn(r, ROWS, V).mul(2f)).requiresGrad(true);
    long[] t = new long[ROWS];
    for (int i = 0; i < ROWS; i++) t[i] = r.nextInt(V);
    targets = Tensor.ofLongs(t);
    float fused = fused();
    NDArray gFused = logits.grad().copy();
    float composite = composite();
    Validation.same("fused cross-entropy loss", NDArray.scalar(composite), NDArray.scalar(fused), 1e-5, 1e-5);
    Validation.same("fused cross-entropy gradient", logits.grad(), gFused, 1e-9, 1e-3);
  }

  @Benchmark
  public float fused() {
    logits.setGrad(null);
    Tensor loss = logits.crossEntropy(targets);
    loss.backward();
    return loss.item();
  }

  @Benchmark
  public float composite() {
    logits.setGrad(null);
    Tensor loss = Composites.crossEntropy(logits, targets);
    loss.backward();
    return loss.item();
  }
}
