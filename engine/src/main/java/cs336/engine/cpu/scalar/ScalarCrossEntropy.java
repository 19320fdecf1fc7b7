package cs336.engine.cpu.scalar;

import static cs336.engine.cpu.CpuStorage.floats;
import static cs336.engine.cpu.CpuStorage.longs;

import cs336.engine.NDArray;
import cs336.engine.cpu.Split;
import cs336.engine.cpu.Loop;
import cs336.engine.cpu.Rows;

/**
 * Softmax + cross-entropy fused (handout section 4.1): loss_n = log sum_v exp(o_v) - o_t, computed
 * as max + log sum exp(o_v - max) so huge logits cannot overflow. Forward keeps only each row's
 * log-sum-exp; backward turns it back into probabilities while writing the gradient, so the
 * N x V probability matrix is never stored. Legend: N rows, V vocabulary.
 */
final class ScalarCrossEntropy {
  private ScalarCrossEntropy() {}

  static int[] targetOffsets(NDArray targets) {
    return Loop.offsets(targets);
  }

  // logits: (N, V), targets: (N) int64, losses: (N), lse: (N)
  static void crossEntropy(NDArray logits, NDArray targets, NDArray losses, NDArray lse) {
    Rows.requireContiguous("crossEntropy logits", logits);
    Rows.requireContiguous("crossEntropy losses", losses);
    Rows.requireContiguous("crossEntropy lse", lse);
    float[] x = floats(logits), lv = floats(losses), sv = floats(lse);
    long[] t = longs(targets);
    int[] toff = targetOffsets(targets);
    int N = toff.length, V = logits.shape(-1), xo = logits.offset();
    Split.forRange(N, Math.max(1, ScalarElementwise.GRAIN / Math.max(V, 1)), (start, end) -> {
      for (int n = start; n < end; n++) {
        int target = ScalarIndex.checkedIndex(t[toff[n]], V, "cross-entropy target");
        int row = xo + n * V;
        float max = Float.NEGATIVE_INFINITY;
        for (int v = 0; v < V; v++) max = Math.max(max, x[row + v]);
        double sum = 0;
        for (int v = 0; v < V; v++) sum += Math.exp(x[row + v] - max);
        float l = max + (float) Math.log(sum);
        sv[lse.offset() + n] = l;
        lv[losses.offset() + n] = l - x[row + target];
      }
    });
  }

  // dLogits = scale * (softmax(logits) - onehot(target)), softmax = exp(logits - lse)
  static void crossEntropyBackward(NDArray logits, NDArray targets, NDArray lse, float scale, NDArray dLogits) {
    Rows.requireContiguous("crossEntropyBackward logits", logits);
    Rows.requireContiguous("crossEntropyBackward dLogits", dLogits);
    Rows.requireContiguous("crossEntropyBackward lse", lse);
    float[] x = floats(logits), sv = floats(lse), dv = floats(dLogits);
    long[] t = longs(targets);
    int[] toff = targetOffsets(targets);
    int N = toff.length, V = logits.shape(-1), xo = logits.offset(), dO = dLogits.offset();
    Split.forRange(N, Math.max(1, ScalarElementwise.GRAIN / Math.max(V, 1)), (start, end) -> {
      for (int n = start; n < end; n++) {
        int target = ScalarIndex.checkedIndex(t[toff[n]], V, "cross-entropy target");
        float l = sv[lse.offset() + n];
        for (int v = 0; v < V; v++) dv[dO + n * V + v] = scale * (float) Math.exp(x[xo + n * V + v] - l);
        dv[dO + n * V + target] -= scale;
      }
    });
  }
}
