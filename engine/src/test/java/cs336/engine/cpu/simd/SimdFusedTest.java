package cs336.engine.cpu.simd;

import static cs336.engine.cpu.simd.KernelTwins.check;
import static cs336.engine.cpu.simd.KernelTwins.layouts;
import static cs336.engine.cpu.simd.KernelTwins.randn;
import static cs336.engine.cpu.simd.KernelTwins.sizes;

import cs336.engine.AdamWStep;
import cs336.engine.NDArray;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Softmax and the fused Transformer kernels: SIMD against scalar on awkward row lengths, and on
 * non-contiguous layouts where the kernel accepts them.
 */
class SimdFusedTest {
  private static final double ATOL = 2e-6, RTOL = 1e-5;

  @Test
  void softmaxAndLogSoftmaxForwardAndBackward() {
    for (int n : sizes(10_001)) {
      for (KernelTwins.Layout x : layouts(n, 3, n)) {
        NDArray dy = randn(n + 1, 3, n);
        for (int dim : new int[] {1, 0}) {
          String at = " n=" + n + " dim " + dim + " " + x.name();
          int[] shape = {3, n};
          check("softmax" + at, () -> new NDArray[] {NDArray.zeros(shape)}, (k, o) -> k.softmax(x.array(), dim, o[0]), ATOL, RTOL);
          check("logSoftmax" + at, () -> new NDArray[] {NDArray.zeros(shape)},
              (k, o) -> k.logSoftmax(x.array(), dim, o[0]), 1e-5, RTOL);
          NDArray y = x.array().softmax(dim), ly = x.array().logSoftmax(dim);
          check("softmaxBackward" + at, () -> new NDArray[] {NDArray.zeros(shape)},
              (k, o) -> k.softmaxBackward(y, dy, dim, o[0]), ATOL, RTOL);
          check("logSoftmaxBackward" + at, () -> new NDArray[] {NDArray.zeros(shape)},
              (k, o) -> k.logSoftmaxBackward(ly, dy, dim, o[0]), 1e-5, RTOL);
        }
      }
    }
  }

  @Test
  void softmaxOfRowsWithNaNInfinityAndMaskedEntries() {
    int n = 3 * KernelTwins.simd().lanes() + 5;
    NDArray x = randn(1, 4, n);
    x.set(Float.NaN, 0, 7);
    x.set(Float.POSITIVE_INFINITY, 1, n - 1);
    x.narrow(0, 2, 1).narrow(1, 0, n - 1).fill(Float.NEGATIVE_INFINITY);     // all masked but one
    x.narrow(0, 3, 1).fill(Float.NEGATIVE_INFINITY);                          // fully masked: NaN
    check("softmax of special rows", () -> new NDArray[] {NDArray.zeros(4, n)}, (k, o) -> k.softmax(x, 1, o[0]), ATOL, RTOL);
    NDArray targets = NDArray.ofLongs(new long[] {0, 1, n - 1, 2});
    check("crossEntropy of special rows", () -> new NDArray[] {NDArray.zeros(4), NDArray.zeros(4)},
        (k, o) -> k.crossEntropy(x, targets, o[0], o[1]), ATOL, RTOL);
  }

  @Test
  void rmsNormForwardAndBackward() {
    for (int c : sizes(4_001)) {
      NDArray x = randn(c, 5, c), w = randn(c + 1, c), g = randn(c + 2, 5, c);
      NDArray xo = randn(c + 3, 6, c).narrow(0, 1, 5);                       // contiguous with an offset
      for (NDArray in : new NDArray[] {x, xo}) {
        check("rmsNorm C=" + c, () -> new NDArray[] {NDArray.zeros(5, c), NDArray.zeros(5)},
            (k, o) -> k.rmsNorm(in, w, 1e-5f, o[0], o[1]), ATOL, RTOL);
        NDArray out = NDArray.zeros(5, c), rstd = NDArray.zeros(5);
        in.kernels().rmsNorm(in, w, 1e-5f, out, rstd);
        check("rmsNormBackward C=" + c, () -> new NDArray[] {NDArray.zeros(5, c), NDArray.zeros(c)},
            (k, o) -> k.rmsNormBackward(in, w, rstd, g, o[0], o[1]), 1e-5, 1e-4);
      }
    }
  }

  @Test
  void parallelResultsAreTheSameBitsOnEveryRun() {
    int saved = cs336.engine.Parallel.threads();
    try {
      cs336.engine.Parallel.setThreads(2);
      NDArray x = randn(1, 4096, 64), w = randn(2, 64), g = randn(3, 4096, 64), rstd = NDArray.zeros(4096);
      KernelTwins.simd().rmsNorm(x, w, 1e-5f, NDArray.zeros(4096, 64), rstd);
      float[] first = null;
      for (int run = 0; run < 5; run++) {
        NDArray dx = NDArray.zeros(4096, 64), dw = NDArray.zeros(64);
        KernelTwins.simd().rmsNormBackward(x, w, rstd, g, dx, dw);
        if (first == null) first = dw.toFloatArray();
        else org.junit.jupiter.api.Assertions.assertArrayEquals(first, dw.toFloatArray(), 0f, "run " + run);
      }
    } finally {
      cs336.engine.Parallel.setThreads(saved);
    }
  }

  @Test
  void siluAndSwigluForwardAndBackward() {
    for (int n : sizes(30_001)) {
      for (KernelTwins.Layout a : layouts(2 * n, 2, n)) {
        NDArray b = randn(n + 5, 2, n), g = randn(n + 6, 2, n);
        String at = " n=" + n + " " + a.name();
        check("silu" + at, () -> new NDArray[] {NDArray.zeros(2, n)}, (k, o) -> k.silu(a.array(), o[0]), ATOL, RTOL);
        check("siluBackward" + at, () -> new NDArray[] {NDArray.zeros(2, n)},
            (k, o) -> k.siluBackward(a.array(), g, o[0]), ATOL, RTOL);
        check("swiglu" + at, () -> new NDArray[] {NDArray.zeros(2, n)}, (k, o) -> k.swiglu(a.array(), b, o[0]), ATOL, RTOL);
        check("swigluBackward" + at, () -> new NDArray[] {NDArray.zeros(2, n), NDArray.zeros(2, n)},
            (k, o) -> k.swigluBackward(a.array(), b, g, o[0], o[1]), ATOL, RTOL);
      }
    }
  }

  @Test
  void ropeForwardAndInverse() {
    int l = KernelTwins.simd().lanes();
    for (int d : new int[] {2, l - 2, l, l + 2, 3 * l + 6, 1002}) {
      NDArray x = randn(d, 2, 3, 5, d);
      NDArray shared = NDArray.ofLongs(new long[] {0, 3, 1, 7, 100}).expand(2, 3, 5);
      NDArray perBatch = NDArray.ofLongs(new long[] {1, 2, 3, 4, 5, 9, 8, 7, 6, 5}, 2, 1, 5).expand(2, 3, 5);
      NDArray spread = NDArray.ofLongs(new long[] {0, 1L << 20, 5, 3_000_000, 2}).expand(2, 3, 5);   // per-row table
      for (NDArray pos : new NDArray[] {shared, perBatch, spread}) {
        for (boolean inverse : new boolean[] {false, true}) {
          check("rope D=" + d + " inverse " + inverse, () -> new NDArray[] {NDArray.zeros(2, 3, 5, d)},
              (k, o) -> k.rope(x, pos, 10000f, inverse, o[0]), 1e-6, 1e-5);
        }
      }
    }
  }

  @Test
  void crossEntropyForwardAndBackward() {
    for (int v : sizes(10_001)) {
      if (v == 0) continue;
      Random r = new Random(v);
      long[] t = new long[6];
      for (int i = 0; i < t.length; i++) t[i] = r.nextInt(v);
      NDArray targets = NDArray.ofLongs(t), logits = randn(v, 6, v).mul(4f);
      check("crossEntropy V=" + v, () -> new NDArray[] {NDArray.zeros(6), NDArray.zeros(6)},
          (k, o) -> k.crossEntropy(logits, targets, o[0], o[1]), 1e-5, RTOL);
      NDArray losses = NDArray.zeros(6), lse = NDArray.zeros(6);
      logits.kernels().crossEntropy(logits, targets, losses, lse);
      check("crossEntropyBackward V=" + v, () -> new NDArray[] {NDArray.zeros(6, v)},
          (k, o) -> k.crossEntropyBackward(logits, targets, lse, 1f / 6, o[0]), 1e-7, RTOL);
    }
  }

  @Test
  void adamwOnEverySize() {
    for (int n : sizes(100_003)) {
      NDArray g = randn(n, n);
      AdamWStep step = new AdamWStep(1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, 3);
      check("adamw n=" + n, () -> new NDArray[] {randn(1, n), randn(2, n).mul(0.1f), randn(3, n).square()},
          (k, o) -> k.adamw(o[0], g, o[1], o[2], step), 1e-7, 1e-6);
    }
  }
}
