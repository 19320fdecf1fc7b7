package cs336.engine.cpu.simd;

import static cs336.engine.cpu.CpuStorage.floats;
import static cs336.engine.cpu.CpuStorage.longs;

import cs336.engine.NDArray;
import cs336.engine.cpu.Split;
import cs336.engine.cpu.Loop;

/**
 * Fused softmax + cross-entropy over contiguous rows of logits [N, V]: forward keeps one
 * log-sum-exp per row, backward writes scale * (exp(logit - lse) - onehot) in one pass.
 */
final class SimdCrossEntropy {
  private SimdCrossEntropy() {}

  private static int target(long t, int V, int row) {
    if (t < 0 || t >= V) {
      throw new IllegalArgumentException("cross-entropy target " + t + " at row " + row + " out of range [0, " + V + ")");
    }
    return (int) t;
  }

  static void crossEntropy(NDArray logits, NDArray targets, NDArray losses, NDArray lse) {
    float[] x = floats(logits), lv = floats(losses), sv = floats(lse);
    long[] t = longs(targets);
    int[] toff = Loop.offsets(targets);
    int N = toff.length, V = logits.shape(-1), xo = logits.offset(), lo = losses.offset(), so = lse.offset();
    Split.forRange(N, Math.max(1, (1 << 15) / Math.max(V, 1)), (start, end) -> {
      for (int n = start; n < end; n++) {
        int tg = target(t[toff[n]], V, n), row = xo + n * V;
        float max = VectorMath.shiftMax(x, row, V);
        float l = max + (float) Math.log(VectorMath.expShiftSum(x, row, V, max));
        sv[so + n] = l;
        lv[lo + n] = l - x[row + tg];
      }
    });
  }

  static void crossEntropyBackward(NDArray logits, NDArray targets, NDArray lse, float scale, NDArray dLogits) {
    float[] x = floats(logits), sv = floats(lse), dv = floats(dLogits);
    long[] t = longs(targets);
    int[] toff = Loop.offsets(targets);
    int N = toff.length, V = logits.shape(-1), xo = logits.offset(), so = lse.offset(), d0 = dLogits.offset();
    Split.forRange(N, Math.max(1, (1 << 15) / Math.max(V, 1)), (start, end) -> {
      for (int n = start; n < end; n++) {
        int tg = target(t[toff[n]], V, n), row = xo + n * V, out = d0 + n * V;
        float l = sv[so + n];
        VectorMath.expShift(x, row, dv, out, V, l, scale);       // scale * softmax
        dv[out + tg] -= scale;
      }
    });
  }
}
