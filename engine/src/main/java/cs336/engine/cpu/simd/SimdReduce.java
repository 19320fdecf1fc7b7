package cs336.engine.cpu.simd;

import static cs336.engine.cpu.CpuStorage.floats;
import static cs336.engine.cpu.simd.VectorMath.F;
import static cs336.engine.cpu.simd.VectorMath.L;

import cs336.engine.NDArray;
import cs336.engine.cpu.Split;
import cs336.engine.ReduceOp;
import cs336.engine.cpu.Loop;
import cs336.engine.cpu.ReduceLoops;
import jdk.incubator.vector.FloatVector;

/**
 * Reductions in the two layouts that matter:
 * <ul>
 *   <li>row: the reduced elements of each output form one contiguous run (sum over the last
 *       dimension): one vector reduction per output;</li>
 *   <li>column: the kept elements are contiguous in both x and out and the reduced dimensions lie
 *       outside them (summing a gradient over the batch): whole rows of x are added into out,
 *       threads split the columns, so every output is summed in the same order on every run.</li>
 * </ul>
 * Anything else returns false and runs on the scalar kernel. Row sums accumulate in float lanes
 * (64 partial sums); column sums in double.
 */
final class SimdReduce {
  private SimdReduce() {}

  static boolean reduce(ReduceOp op, NDArray x, NDArray out) {
    if (op == ReduceOp.MIN || x.numel() == 0) return false;
    ReduceLoops loops = ReduceLoops.of(x, out);
    Loop kept = loops.kept(), red = loops.reduced();
    if (red.innerStride(0) == 1 && red.innerLength() == red.size()) {
      rows(op, x, out, kept, red.size());
      return true;
    }
    if (kept.innerStride(0) == 1 && kept.innerStride(1) == 1 && kept.innerLength() == kept.size()) {
      columns(op, x, out, kept.size(), Loop.offsets(red, x.offset()), red.size());
      return true;
    }
    return false;
  }

  /** Each output reduces {@code count} contiguous elements. */
  private static void rows(ReduceOp op, NDArray x, NDArray out, Loop kept, int count) {
    float[] xv = floats(x), ov = floats(out);
    int so = kept.innerStride(0), sx = kept.innerStride(1);
    kept.forAll(Math.max(1, (1 << 15) / Math.max(count, 1)), (o, n) -> {
      for (int i = 0; i < n; i++) {
        int base = o[1] + i * sx;
        float r = switch (op) {
          case SUM -> VectorMath.sum(xv, base, count);
          case MEAN -> VectorMath.sum(xv, base, count) / count;
          default -> VectorMath.max(xv, base, count);
        };
        ov[o[0] + i * so] = r;
      }
    });
  }

  /**
   * out[k] = reduce over r of x[rowStart[r] + k], for k < width (contiguous kept block). Each
   * output is a long sequential sum over rows, so sums accumulate in double (a float running sum
   * over 50,000 rows loses three digits); the loop over k is what vectorises.
   */
  private static void columns(ReduceOp op, NDArray x, NDArray out, int width, int[] rowStart, int count) {
    float[] xv = floats(x), ov = floats(out);
    int oo = out.offset();
    Split.forRange(width, Math.max(L, (1 << 15) / Math.max(count, 1)), (start, end) -> {
      if (op == ReduceOp.MAX) {
        java.util.Arrays.fill(ov, oo + start, oo + end, Float.NEGATIVE_INFINITY);
        for (int r = 0; r < count; r++) {
          int xr = rowStart[r], k = start;
          for (; k + L <= end; k += L) {
            FloatVector.fromArray(F, ov, oo + k).max(FloatVector.fromArray(F, xv, xr + k)).intoArray(ov, oo + k);
          }
          for (; k < end; k++) ov[oo + k] = Math.max(ov[oo + k], xv[xr + k]);
        }
        return;
      }
      double[] acc = new double[end - start];
      for (int r = 0; r < count; r++) {
        int xr = rowStart[r] + start;
        for (int k = 0; k < acc.length; k++) acc[k] += xv[xr + k];
      }
      double scale = op == ReduceOp.MEAN ? 1.0 / count : 1.0;
      for (int k = 0; k < acc.length; k++) ov[oo + start + k] = (float) (acc[k] * scale);
    });
  }
}
