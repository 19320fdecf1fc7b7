package cs336.bench.engine;

import cs336.engine.Kernels;
import cs336.engine.NDArray;
import cs336.engine.Parallel;
import cs336.engine.cpu.CpuDevice;
import cs336.engine.cpu.CpuStorage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What every memory-bound kernel benchmark shares: the engine thread count as a parameter, the
 * default (SIMD) kernels, and the baseline, one System.arraycopy of the benchmark's main array
 * (always one thread), timed in the same run.
 */
@State(Scope.Benchmark)
public abstract class CopyBaseline {
  /** Engine threads for the kernels (the copy is always one thread). */
  @Param({"1", "2"})
  int threads;

  Kernels kernels;
  private float[] copySource;
  private float[] copyDst;

  /** Call first in the subclass's setup: sets the thread count and the array the copy reads. */
  void baseline(NDArray main) {
    Parallel.setThreads(threads);
    kernels = CpuDevice.defaultKernels();
    copySource = CpuStorage.floats(main);
    copyDst = new float[copySource.length];
  }

  /** Baseline: one copy of the same bytes (the speed of memory). */
  @Benchmark
  public float[] arraycopy() {
    System.arraycopy(copySource, 0, copyDst, 0, copyDst.length);
    return copyDst;
  }
}
