package cs336.engine.cpu.simd;

import static cs336.engine.cpu.CpuStorage.floats;
import static cs336.engine.cpu.simd.VectorMath.F;
import static cs336.engine.cpu.simd.VectorMath.L;

import cs336.engine.NDArray;
import cs336.engine.cpu.Rows;
import jdk.incubator.vector.FloatVector;

/**
 * Softmax and log-softmax over rows that are contiguous along {@code dim} (the last dimension in
 * practice). A row of the LM's logits (10,000 floats) fits in L2, so the extra passes over it are
 * cheap: each kernel reads its inputs from memory once and writes its output once.
 */
final class SimdSoftmax {
  static final int GRAIN = 1 << 15;

  private SimdSoftmax() {}

  /** True when every array steps by 1 along dim (else the caller falls back to scalar). */
  static boolean unitRows(int dim, NDArray... arrays) {
    for (NDArray a : arrays) if (a.stride(dim) != 1 && a.shape(dim) > 1) return false;
    return true;
  }

  static void softmax(NDArray x, int dim, NDArray out) {
    float[] xv = floats(x), ov = floats(out);
    int n = x.shape(dim);
    Rows.forEach(dim, GRAIN, b -> {
      float max = VectorMath.shiftMax(xv, b[0], n);
      float sum = VectorMath.expShiftSum(xv, b[0], ov, b[1], n, max);
      VectorMath.scale(ov, b[1], n, 1f / sum);
    }, x, out);
  }

  // dx = y * (dy - sum(dy * y))
  static void softmaxBackward(NDArray y, NDArray dy, int dim, NDArray dx) {
    float[] yv = floats(y), gv = floats(dy), dv = floats(dx);
    int n = y.shape(dim);
    Rows.forEach(dim, GRAIN, b -> {
      float dot = VectorMath.dot(yv, b[0], gv, b[1], n);
      FloatVector d = FloatVector.broadcast(F, dot);
      int i = 0;
      for (; i < F.loopBound(n); i += L) {
        FloatVector yy = FloatVector.fromArray(F, yv, b[0] + i);
        yy.mul(FloatVector.fromArray(F, gv, b[1] + i).sub(d)).intoArray(dv, b[2] + i);
      }
      for (; i < n; i++) dv[b[2] + i] = yv[b[0] + i] * (gv[b[1] + i] - dot);
    }, y, dy, dx);
  }

  // out = x - (max + log sum exp(x - max))
  static void logSoftmax(NDArray x, int dim, NDArray out) {
    float[] xv = floats(x), ov = floats(out);
    int n = x.shape(dim);
    Rows.forEach(dim, GRAIN, b -> {
      float max = VectorMath.shiftMax(xv, b[0], n);
      float shift = max + (float) Math.log(VectorMath.expShiftSum(xv, b[0], n, max));
      FloatVector s = FloatVector.broadcast(F, shift);
      int i = 0;
      for (; i < F.loopBound(n); i += L) FloatVector.fromArray(F, xv, b[0] + i).sub(s).intoArray(ov, b[1] + i);
      for (; i < n; i++) ov[b[1] + i] = xv[b[0] + i] - shift;
    }, x, out);
  }

  // dx = dy - exp(y) * sum(dy)
  static void logSoftmaxBackward(NDArray y, NDArray dy, int dim, NDArray dx) {
    float[] yv = floats(y), gv = floats(dy), dv = floats(dx);
    int n = y.shape(dim);
    Rows.forEach(dim, GRAIN, b -> {
      float total = VectorMath.sum(gv, b[1], n);
      FloatVector t = FloatVector.broadcast(F, total);
      int i = 0;
      for (; i < F.loopBound(n); i += L) {
        FloatVector e = Lanes.exp(FloatVector.fromArray(F, yv, b[0] + i));
        FloatVector.fromArray(F, gv, b[1] + i).sub(e.mul(t)).intoArray(dv, b[2] + i);
      }
      for (; i < n; i++) dv[b[2] + i] = gv[b[1] + i] - (float) Math.exp(yv[b[0] + i]) * total;
    }, y, dy, dx);
  }
}
