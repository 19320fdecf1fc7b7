package cs336.engine.cpu.simd;

import static cs336.engine.cpu.CpuStorage.floats;
import static cs336.engine.cpu.simd.VectorMath.F;
import static cs336.engine.cpu.simd.VectorMath.L;

import cs336.engine.BinaryOp;
import cs336.engine.DType;
import cs336.engine.NDArray;
import cs336.engine.UnaryOp;
import cs336.engine.cpu.Loop;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Elementwise kernels on segments where the output is unit-stride and each input steps by 1 or 0
 * (a broadcast input). A stride-0 input is read from a small array holding its value in every lane,
 * so one loop per operator covers both cases. Each operator has its own loop with a constant
 * {@code VectorOperators} (the Vector API compiles to SIMD instructions only for constant
 * operators). Every method returns false when the layout does not qualify; the caller then runs
 * the scalar kernel.
 */
final class SimdElementwise {
  static final int GRAIN = 1 << 15;

  private SimdElementwise() {}

  /** Output unit-stride, inputs unit or broadcast. */
  private static boolean qualifies(Loop loop) {
    if (loop.innerStride(0) != 1) return false;
    for (int k = 1; k < loop.operands(); k++) if (loop.innerStride(k) > 1 || loop.innerStride(k) < 0) return false;
    return true;
  }

  /** The array a segment of operand k reads: the storage, or L copies of its one value when stride 0. */
  private static float[] source(float[] data, int offset, int stride, float[] lanes) {
    if (stride == 1) return data;
    Arrays.fill(lanes, data[offset]);
    return lanes;
  }

  static boolean copy(NDArray src, NDArray dst) {
    if (src.dtype() != DType.FLOAT32 || dst.dtype() != DType.FLOAT32) return false;
    Loop loop = Loop.over(dst, src);
    if (loop.innerStride(0) != 1 || loop.innerStride(1) != 1) return false;
    float[] d = floats(dst), s = floats(src);
    loop.forAll(GRAIN, (o, n) -> System.arraycopy(s, o[1], d, o[0], n));
    return true;
  }

  static boolean fill(NDArray dst, double value) {
    if (dst.dtype() != DType.FLOAT32) return false;
    Loop loop = Loop.over(dst);
    if (loop.innerStride(0) != 1) return false;
    float[] d = floats(dst);
    loop.forAll(GRAIN, (o, n) -> Arrays.fill(d, o[0], o[0] + n, (float) value));
    return true;
  }

  static boolean unary(UnaryOp op, NDArray x, NDArray out) {
    Loop loop = Loop.over(out, x);
    if (loop.innerStride(0) != 1 || loop.innerStride(1) != 1) return false;
    float[] xs = floats(x), os = floats(out);
    loop.forAll(GRAIN, (o, n) -> unarySegment(op, xs, o[1], os, o[0], n));
    return true;
  }

  private static void unarySegment(UnaryOp op, float[] x, int xo, float[] out, int oo, int n) {
    int i = 0, bound = F.loopBound(n);
    switch (op) {
      case NEG -> { for (; i < bound; i += L) FloatVector.fromArray(F, x, xo + i).neg().intoArray(out, oo + i); }
      case EXP -> { for (; i < bound; i += L) Lanes.exp(FloatVector.fromArray(F, x, xo + i)).intoArray(out, oo + i); }
      // LOG and TANH: no vector form whose bits match between interpreted and compiled code (see
      // Lanes), and they are off the training hot path: the scalar tail loop below does them.
      case LOG, TANH -> { }
      case SQRT -> { for (; i < bound; i += L) FloatVector.fromArray(F, x, xo + i).sqrt().intoArray(out, oo + i); }
      case RSQRT -> {
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (; i < bound; i += L) one.div(FloatVector.fromArray(F, x, xo + i).sqrt()).intoArray(out, oo + i);
      }
      case RELU -> { for (; i < bound; i += L) FloatVector.fromArray(F, x, xo + i).max(0f).intoArray(out, oo + i); }
      case SIGMOID -> { for (; i < bound; i += L) Lanes.sigmoid(FloatVector.fromArray(F, x, xo + i)).intoArray(out, oo + i); }
      case SILU -> {
        for (; i < bound; i += L) {
          FloatVector v = FloatVector.fromArray(F, x, xo + i);
          v.mul(Lanes.sigmoid(v)).intoArray(out, oo + i);
        }
      }
      case ABS -> { for (; i < bound; i += L) FloatVector.fromArray(F, x, xo + i).abs().intoArray(out, oo + i); }
      case SQUARE -> {
        for (; i < bound; i += L) {
          FloatVector v = FloatVector.fromArray(F, x, xo + i);
          v.mul(v).intoArray(out, oo + i);
        }
      }
      case RECIPROCAL -> {
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (; i < bound; i += L) one.div(FloatVector.fromArray(F, x, xo + i)).intoArray(out, oo + i);
      }
    }
    for (; i < n; i++) out[oo + i] = op.apply(x[xo + i]);
  }

  static boolean binary(BinaryOp op, NDArray a, NDArray b, NDArray out) {
    Loop loop = Loop.over(out, a, b);
    if (!qualifies(loop) || !vectorised(op)) return false;
    float[] as = floats(a), bs = floats(b), os = floats(out);
    int sa = loop.innerStride(1), sb = loop.innerStride(2);
    loop.forAll(GRAIN, (o, n) -> {
      float[] la = new float[L], lb = new float[L];
      float[] A = source(as, o[1], sa, la), B = source(bs, o[2], sb, lb);
      binarySegment(op, A, sa == 1 ? o[1] : 0, sa, B, sb == 1 ? o[2] : 0, sb, os, o[0], n);
    });
    return true;
  }

  static boolean binaryScalar(BinaryOp op, NDArray a, float s, NDArray out) {
    Loop loop = Loop.over(out, a);
    if (!qualifies(loop) || !vectorised(op)) return false;
    float[] as = floats(a), os = floats(out);
    int sa = loop.innerStride(1);
    loop.forAll(GRAIN, (o, n) -> {
      float[] la = new float[L], lb = new float[L];
      Arrays.fill(lb, s);
      float[] A = source(as, o[1], sa, la);
      binarySegment(op, A, sa == 1 ? o[1] : 0, sa, lb, 0, 0, os, o[0], n);
    });
    return true;
  }

  private static boolean vectorised(BinaryOp op) {
    return switch (op) {
      case ADD, SUB, MUL, DIV, MAX, MIN -> true;
      default -> false;
    };
  }

  /** out[i] = op(A[ai + i*sa], B[bi + i*sb]) with sa, sb in {0, 1}. */
  private static void binarySegment(BinaryOp op, float[] A, int ai, int sa, float[] B, int bi, int sb, float[] out, int oo,
      int n) {
    int i = 0, bound = F.loopBound(n), da = sa * L, db = sb * L;
    int a = ai, b = bi;
    switch (op) {
      case ADD -> { for (; i < bound; i += L, a += da, b += db) FloatVector.fromArray(F, A, a).add(FloatVector.fromArray(F, B, b)).intoArray(out, oo + i); }
      case SUB -> { for (; i < bound; i += L, a += da, b += db) FloatVector.fromArray(F, A, a).sub(FloatVector.fromArray(F, B, b)).intoArray(out, oo + i); }
      case MUL -> { for (; i < bound; i += L, a += da, b += db) FloatVector.fromArray(F, A, a).mul(FloatVector.fromArray(F, B, b)).intoArray(out, oo + i); }
      case DIV -> { for (; i < bound; i += L, a += da, b += db) FloatVector.fromArray(F, A, a).div(FloatVector.fromArray(F, B, b)).intoArray(out, oo + i); }
      case MAX -> { for (; i < bound; i += L, a += da, b += db) FloatVector.fromArray(F, A, a).max(FloatVector.fromArray(F, B, b)).intoArray(out, oo + i); }
      case MIN -> { for (; i < bound; i += L, a += da, b += db) FloatVector.fromArray(F, A, a).min(FloatVector.fromArray(F, B, b)).intoArray(out, oo + i); }
      default -> throw new IllegalStateException("not vectorised: " + op);
    }
    for (; i < n; i++) out[oo + i] = op.apply(A[ai + i * sa], B[bi + i * sb]);
  }

  static boolean where(NDArray cond, NDArray a, NDArray b, NDArray out) {
    Loop loop = Loop.over(out, cond, a, b);
    if (!qualifies(loop)) return false;
    float[] cs = floats(cond), as = floats(a), bs = floats(b), os = floats(out);
    int sc = loop.innerStride(1), sa = loop.innerStride(2), sb = loop.innerStride(3);
    loop.forAll(GRAIN, (o, n) -> {
      float[] C = source(cs, o[1], sc, new float[L]), A = source(as, o[2], sa, new float[L]);
      float[] B = source(bs, o[3], sb, new float[L]);
      int c = sc == 1 ? o[1] : 0, x = sa == 1 ? o[2] : 0, y = sb == 1 ? o[3] : 0;
      int i = 0;
      for (; i < F.loopBound(n); i += L) {
        var keep = FloatVector.fromArray(F, C, c + i * sc).compare(VectorOperators.NE, 0f);
        FloatVector.fromArray(F, B, y + i * sb).blend(FloatVector.fromArray(F, A, x + i * sa), keep).intoArray(os, o[0] + i);
      }
      for (; i < n; i++) os[o[0] + i] = C[c + i * sc] != 0f ? A[x + i * sa] : B[y + i * sb];
    });
    return true;
  }
}
