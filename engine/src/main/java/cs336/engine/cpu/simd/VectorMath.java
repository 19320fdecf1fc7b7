package cs336.engine.cpu.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row primitives on contiguous float ranges, in the canonical Vector API shape: a main loop up to
 * {@code loopBound}, independent accumulators for reductions (so additions do not wait on each
 * other), one lane sum at the end ({@link Lanes#sum}, in lane order so that interpreted and
 * compiled runs agree), and a scalar loop for the tail. The species is the platform's
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
    float s = Lanes.sum(a0.add(a1).add(a2.add(a3)));
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
    float s = Lanes.sum(s0.add(s1).add(s2.add(s3)));
    for (; i < n; i++) s += a[ao + i] * b[bo + i];
    return s;
  }

  // ---- exp(x - shift) for x <= shift (softmax, log-softmax, cross-entropy) ----
  //
  // exp(v), v <= 0, as 2^n * e^r: n = round(v log2 e), r = v - n ln 2 (ln 2 split in a high part
  // exact in float and a low correction), e^r by a degree-6 polynomial on |r| <= ln2/2 (relative
  // error under 1e-7), and 2^n added straight into the float's exponent bits. Rounding uses the
  // 1.5 * 2^23 trick: after v log2 e + 1.5 * 2^23 the low mantissa bits hold n, and shifting the
  // sum's bits left by 23 moves n into the exponent field. Below -87.3 the result is 0.
  //
  // It is written out inside the loop on purpose: as a separate method it is compiled on its own
  // and not inlined, its vectors are then boxed, and it runs 5x slower. Inline it measured 10 ms
  // per 82M floats against 21 ms for the JDK's vector exp (a call per vector).

  private static final float LOG2E = 1.442695040888963f, ROUND = 12582912f;
  private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f, UNDERFLOW = -87.3f;
  private static final float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f;
  private static final float P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

  /**
   * Writes scale * exp(x[xo+i] - shift) to out[oo+i] (when out is not null) and returns the sum of
   * exp(x[xo+i] - shift). Requires x - shift <= 0 (shift = the row's max), or NaN.
   */
  static float expShift(float[] x, int xo, float[] out, int oo, int n, float shift, float scale) {
    FloatVector sh = FloatVector.broadcast(F, shift), sc = FloatVector.broadcast(F, scale);
    FloatVector log2e = FloatVector.broadcast(F, LOG2E), round = FloatVector.broadcast(F, ROUND);
    FloatVector lnHi = FloatVector.broadcast(F, -LN2_HI), lnLo = FloatVector.broadcast(F, -LN2_LO);
    FloatVector p0 = FloatVector.broadcast(F, P0), p1 = FloatVector.broadcast(F, P1), p2 = FloatVector.broadcast(F, P2);
    FloatVector p3 = FloatVector.broadcast(F, P3), p4 = FloatVector.broadcast(F, P4), p5 = FloatVector.broadcast(F, P5);
    FloatVector one = FloatVector.broadcast(F, 1f), zero = FloatVector.zero(F), acc = zero;
    int i = 0;
    for (; i < F.loopBound(n); i += L) {
      FloatVector v = FloatVector.fromArray(F, x, xo + i).sub(sh);
      FloatVector t = v.fma(log2e, round);                          // n + 1.5 * 2^23
      FloatVector k = t.sub(round);                                  // n
      FloatVector r = k.fma(lnLo, k.fma(lnHi, v));                   // v - n ln 2
      FloatVector p = p0.fma(r, p1).fma(r, p2).fma(r, p3).fma(r, p4).fma(r, p5);
      p = p.fma(r.mul(r), r).add(one);                               // e^r
      FloatVector e = p.reinterpretAsInts().add(t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23))
          .reinterpretAsFloats();                                    // * 2^n
      e = e.blend(zero, v.lt(UNDERFLOW));
      acc = acc.add(e);
      if (out != null) e.mul(sc).intoArray(out, oo + i);
    }
    float s = Lanes.sum(acc);
    for (; i < n; i++) {
      float e = (float) Math.exp(x[xo + i] - shift);
      s += e;
      if (out != null) out[oo + i] = scale * e;
    }
    return s;
  }

  /** out[oo+i] = exp(x[xo+i] - shift); returns their sum. */
  static float expShiftSum(float[] x, int xo, float[] out, int oo, int n, float shift) {
    return expShift(x, xo, out, oo, n, shift, 1f);
  }

  /** sum of exp(x[xo+i] - shift), nothing stored. */
  static float expShiftSum(float[] x, int xo, int n, float shift) {
    return expShift(x, xo, null, 0, n, shift, 1f);
  }

  /** x[off+i] *= s. */
  static void scale(float[] x, int off, int n, float s) {
    FloatVector sv = FloatVector.broadcast(F, s);
    int i = 0;
    for (; i < F.loopBound(n); i += L) FloatVector.fromArray(F, x, off + i).mul(sv).intoArray(x, off + i);
    for (; i < n; i++) x[off + i] *= s;
  }
}
