package cs336.engine.cpu.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row primitives on contiguous float ranges, in the canonical Vector API shape: a main loop up to
 * {@code loopBound}, independent accumulators for reductions (so additions do not wait on each
 * other), {@code reduceLanes} once, and a scalar loop for the tail. The species is the platform's
 * preferred one, never a fixed width. Results differ from the scalar reference only by rounding
 * (summation order).
 */
final class VectorMath {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  static final int L = F.length();

  private VectorMath() {}

  /** max of x[off .. off+n) (-inf for n = 0). */
  static float max(float[] x, int off, int n) {
    int i = 0, bound4 = n - n % (4 * L);
    FloatVector m0 = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY), m1 = m0, m2 = m0, m3 = m0;
    for (; i < bound4; i += 4 * L) {
      m0 = m0.max(FloatVector.fromArray(F, x, off + i));
      m1 = m1.max(FloatVector.fromArray(F, x, off + i + L));
      m2 = m2.max(FloatVector.fromArray(F, x, off + i + 2 * L));
      m3 = m3.max(FloatVector.fromArray(F, x, off + i + 3 * L));
    }
    for (; i < F.loopBound(n); i += L) m0 = m0.max(FloatVector.fromArray(F, x, off + i));
    float m = m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX);
    for (; i < n; i++) m = Math.max(m, x[off + i]);
    return m;
  }

  /**
   * The max used only as softmax's shift: compare-and-blend instead of Java's max, which must
   * propagate NaN and order -0 below +0 and so compiles to several instructions (measured 7 vs
   * 4 ms per 82M floats). A NaN is skipped here, but the exp pass that follows still turns the
   * whole row into NaN, exactly as with the reference.
   */
  static float shiftMax(float[] x, int off, int n) {
    int i = 0, bound4 = n - n % (4 * L);
    FloatVector m0 = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY), m1 = m0, m2 = m0, m3 = m0;
    for (; i < bound4; i += 4 * L) {
      FloatVector a = FloatVector.fromArray(F, x, off + i), b = FloatVector.fromArray(F, x, off + i + L);
      FloatVector c = FloatVector.fromArray(F, x, off + i + 2 * L), d = FloatVector.fromArray(F, x, off + i + 3 * L);
      m0 = m0.blend(a, m0.lt(a));
      m1 = m1.blend(b, m1.lt(b));
      m2 = m2.blend(c, m2.lt(c));
      m3 = m3.blend(d, m3.lt(d));
    }
    for (; i < F.loopBound(n); i += L) {
      FloatVector a = FloatVector.fromArray(F, x, off + i);
      m0 = m0.blend(a, m0.lt(a));
    }
    float m = m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX);
    for (; i < n; i++) m = Math.max(m, x[off + i]);
    return m;
  }

  /** sum of x[off .. off+n). */
  static float sum(float[] x, int off, int n) {
    int i = 0, bound4 = n - n % (4 * L);
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
    for (; i < bound4; i += 4 * L) {
      a0 = a0.add(FloatVector.fromArray(F, x, off + i));
      a1 = a1.add(FloatVector.fromArray(F, x, off + i + L));
      a2 = a2.add(FloatVector.fromArray(F, x, off + i + 2 * L));
      a3 = a3.add(FloatVector.fromArray(F, x, off + i + 3 * L));
    }
    for (; i < F.loopBound(n); i += L) a0 = a0.add(FloatVector.fromArray(F, x, off + i));
    float s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) s += x[off + i];
    return s;
  }

  /** sum of a[ao+i] * b[bo+i] for i < n. */
  static float dot(float[] a, int ao, float[] b, int bo, int n) {
    int i = 0, bound4 = n - n % (4 * L);
    FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
    for (; i < bound4; i += 4 * L) {
      s0 = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), s0);
      s1 = FloatVector.fromArray(F, a, ao + i + L).fma(FloatVector.fromArray(F, b, bo + i + L), s1);
      s2 = FloatVector.fromArray(F, a, ao + i + 2 * L).fma(FloatVector.fromArray(F, b, bo + i + 2 * L), s2);
      s3 = FloatVector.fromArray(F, a, ao + i + 3 * L).fma(FloatVector.fromArray(F, b, bo + i + 3 * L), s3);
    }
    for (; i < F.loopBound(n); i += L) {
      s0 = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), s0);
    }
    float s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) s += a[ao + i] * b[bo + i];
    return s;
  }

  // The exp loops keep one accumulator and no manual unrolling: EXP is a call into the JDK's
  // vector math library, and two calls per iteration measured twice as slow (registers are
  // spilled around each call).

  /** out[oo+i] = exp(x[xo+i] - shift); returns their sum. out may equal x (same offsets). */
  static float expShiftSum(float[] x, int xo, float[] out, int oo, int n, float shift) {
    FloatVector sh = FloatVector.broadcast(F, shift);
    FloatVector acc = FloatVector.zero(F);
    int i = 0;
    for (; i < F.loopBound(n); i += L) {
      FloatVector e = FloatVector.fromArray(F, x, xo + i).sub(sh).lanewise(VectorOperators.EXP);
      e.intoArray(out, oo + i);
      acc = acc.add(e);
    }
    float s = acc.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      float e = (float) Math.exp(x[xo + i] - shift);
      out[oo + i] = e;
      s += e;
    }
    return s;
  }

  /** sum of exp(x[xo+i] - shift), nothing stored. */
  static float expShiftSum(float[] x, int xo, int n, float shift) {
    FloatVector sh = FloatVector.broadcast(F, shift);
    FloatVector acc = FloatVector.zero(F);
    int i = 0;
    for (; i < F.loopBound(n); i += L) acc = acc.add(FloatVector.fromArray(F, x, xo + i).sub(sh).lanewise(VectorOperators.EXP));
    float s = acc.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) s += (float) Math.exp(x[xo + i] - shift);
    return s;
  }

  /** x[off+i] *= s. */
  static void scale(float[] x, int off, int n, float s) {
    FloatVector sv = FloatVector.broadcast(F, s);
    int i = 0;
    for (; i < F.loopBound(n); i += L) FloatVector.fromArray(F, x, off + i).mul(sv).intoArray(x, off + i);
    for (; i < n; i++) x[off + i] *= s;
  }
}
