package cs336.engine.cpu.simd;

import static cs336.engine.cpu.CpuStorage.floats;
import static cs336.engine.cpu.simd.VectorMath.F;
import static cs336.engine.cpu.simd.VectorMath.L;

import cs336.engine.NDArray;
import cs336.engine.cpu.Loop;
import jdk.incubator.vector.FloatVector;

/**
 * SiLU and the SwiGLU gate, forward and backward, on unit-stride segments (see the scalar
 * reference for the formulas). Returns false when a layout is not unit-stride, so the caller runs
 * the scalar kernel instead.
 */
final class SimdActivation {
  static final int GRAIN = 1 << 15;

  private SimdActivation() {}

  static boolean unit(Loop loop, int operands) {
    for (int k = 0; k < operands; k++) if (loop.innerStride(k) != 1) return false;
    return true;
  }

  private static FloatVector sigmoid(FloatVector x) {
    return Lanes.sigmoid(x);
  }

  private static float sigmoid(float x) {
    return (float) (1.0 / (1.0 + Math.exp(-x)));
  }

  static boolean silu(NDArray x, NDArray out) {
    Loop loop = Loop.over(out, x);
    if (!unit(loop, 2)) return false;
    float[] xv = floats(x), ov = floats(out);
    loop.forAll(GRAIN, (o, n) -> {
      int i = 0;
      for (; i < F.loopBound(n); i += L) {
        FloatVector v = FloatVector.fromArray(F, xv, o[1] + i);
        v.mul(sigmoid(v)).intoArray(ov, o[0] + i);
      }
      for (; i < n; i++) ov[o[0] + i] = xv[o[1] + i] * sigmoid(xv[o[1] + i]);
    });
    return true;
  }

  // dx = dOut * s * (1 + x * (1 - s))
  static boolean siluBackward(NDArray x, NDArray dOut, NDArray dx) {
    Loop loop = Loop.over(dx, x, dOut);
    if (!unit(loop, 3)) return false;
    float[] xv = floats(x), gv = floats(dOut), dv = floats(dx);
    loop.forAll(GRAIN, (o, n) -> {
      int i = 0;
      for (; i < F.loopBound(n); i += L) {
        FloatVector v = FloatVector.fromArray(F, xv, o[1] + i), s = sigmoid(v);
        FloatVector d = v.mul(s.neg().add(1f)).add(1f).mul(s);
        FloatVector.fromArray(F, gv, o[2] + i).mul(d).intoArray(dv, o[0] + i);
      }
      for (; i < n; i++) {
        float v = xv[o[1] + i], s = sigmoid(v);
        dv[o[0] + i] = gv[o[2] + i] * s * (1f + v * (1f - s));
      }
    });
    return true;
  }

  static boolean swiglu(NDArray a, NDArray b, NDArray out) {
    Loop loop = Loop.over(out, a, b);
    if (!unit(loop, 3)) return false;
    float[] av = floats(a), bv = floats(b), ov = floats(out);
    loop.forAll(GRAIN, (o, n) -> {
      int i = 0;
      for (; i < F.loopBound(n); i += L) {
        FloatVector v = FloatVector.fromArray(F, av, o[1] + i);
        v.mul(sigmoid(v)).mul(FloatVector.fromArray(F, bv, o[2] + i)).intoArray(ov, o[0] + i);
      }
      for (; i < n; i++) {
        float v = av[o[1] + i];
        ov[o[0] + i] = v * sigmoid(v) * bv[o[2] + i];
      }
    });
    return true;
  }

  // da = dOut * b * silu'(a), db = dOut * silu(a)
  static boolean swigluBackward(NDArray a, NDArray b, NDArray dOut, NDArray da, NDArray db) {
    Loop loop = Loop.over(da, db, a, b, dOut);
    if (!unit(loop, 5)) return false;
    float[] av = floats(a), bv = floats(b), gv = floats(dOut), dav = floats(da), dbv = floats(db);
    loop.forAll(GRAIN, (o, n) -> {
      int i = 0;
      for (; i < F.loopBound(n); i += L) {
        FloatVector v = FloatVector.fromArray(F, av, o[2] + i), s = sigmoid(v);
        FloatVector g = FloatVector.fromArray(F, gv, o[4] + i);
        FloatVector d = v.mul(s.neg().add(1f)).add(1f).mul(s);
        g.mul(FloatVector.fromArray(F, bv, o[3] + i)).mul(d).intoArray(dav, o[0] + i);
        g.mul(v).mul(s).intoArray(dbv, o[1] + i);
      }
      for (; i < n; i++) {
        float v = av[o[2] + i], s = sigmoid(v), g = gv[o[4] + i];
        dav[o[0] + i] = g * bv[o[3] + i] * s * (1f + v * (1f - s));
        dbv[o[1] + i] = g * v * s;
      }
    });
    return true;
  }
}
