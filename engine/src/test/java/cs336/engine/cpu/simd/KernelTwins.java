package cs336.engine.cpu.simd;

import cs336.engine.AllClose;
import cs336.engine.Kernels;
import cs336.engine.NDArray;
import cs336.engine.cpu.CpuDevice;
import cs336.engine.cpu.scalar.ScalarKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;

/** Runs one kernel call on the scalar reference and on the SIMD kernels and compares the outputs. */
final class KernelTwins {
  private KernelTwins() {}

  /** The SIMD kernels (the test is skipped, with a message, when the Vector API is off). */
  static SimdKernels simd() {
    Assumptions.assumeTrue(CpuDevice.defaultKernels() instanceof SimdKernels,
        "skipped: the Vector API is not enabled (--add-modules jdk.incubator.vector)");
    return (SimdKernels) CpuDevice.defaultKernels();
  }

  /** The sizes every SIMD kernel is tried on: 0, 1, lanes-1, lanes, lanes+1, 3*lanes+5, a large odd one. */
  static int[] sizes(int largeOdd) {
    int l = simd().lanes();
    return new int[] {0, 1, l - 1, l, l + 1, 3 * l + 5, largeOdd};
  }

  @FunctionalInterface
  interface Call {
    /** Runs the kernel on {@code k}, writing into {@code outs}. */
    void run(Kernels k, NDArray[] outs);
  }

  /**
   * Calls {@code call} with fresh outputs from {@code outputs} on both kernel sets and checks every
   * output within {@code atol}/{@code rtol}.
   */
  static void check(String what, Supplier<NDArray[]> outputs, Call call, double atol, double rtol) {
    NDArray[] ref = outputs.get(), got = outputs.get();
    call.run(ScalarKernels.INSTANCE, ref);
    call.run(simd(), got);
    for (int i = 0; i < ref.length; i++) AllClose.check(what + ", output " + i, ref[i], got[i], atol, rtol);
  }

  /** Random normal values in C order with the given shape. */
  static NDArray randn(long seed, int... shape) {
    return NDArray.randn(new Random(seed), shape);
  }

  /** A named layout of an [r, n] input. */
  record Layout(String name, NDArray array) {}

  /**
   * The same [r, n] shape in several layouts: contiguous, with an offset, transposed (column
   * stride 1 runs down the other axis), every second column of a wider array, and broadcast from
   * one row (stride 0).
   */
  static List<Layout> layouts(long seed, int r, int n) {
    List<Layout> out = new ArrayList<>();
    out.add(new Layout("contiguous", randn(seed, r, n)));
    out.add(new Layout("offset", randn(seed + 1, r + 1, n).narrow(0, 1, r)));
    out.add(new Layout("transposed", randn(seed + 2, n, r).transpose(0, 1)));
    out.add(new Layout("strided", randn(seed + 3, r, 2 * n + 1).slice(1, 1, 2 * n + 1, 2)));
    out.add(new Layout("broadcast", randn(seed + 4, 1, n).expand(r, n)));
    return out;
  }
}
