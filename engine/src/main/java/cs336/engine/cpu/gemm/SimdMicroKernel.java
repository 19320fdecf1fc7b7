package cs336.engine.cpu.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API micro-kernel: a 6 x (2 vectors) tile of C held in 12 accumulator registers
 * (6 x 32 floats with AVX-512, 6 x 16 with AVX2).
 *
 * <p>Why this shape: per step {@code p} it loads 2 vectors of B and broadcasts 6 scalars of A for
 * 12 independent fused multiply-adds. Twelve independent chains cover the FMA latency (4 cycles)
 * times the two FMA pipes of current x86 cores, and 12 + 2 + 1 registers fit even AVX2's 16
 * vector registers, so the same kernel stays spill-free on every x86 target. Wider tiles (8 x 3,
 * 12 x 2) ran no faster from L1 on the AVX-512 machine this was tuned on (about 250 GFLOP/s on
 * one core for all of them) while needing 32 registers.
 *
 * <p>Only loaded after {@link cs336.engine.cpu.simd.Simd#available()} said yes.
 */
final class SimdMicroKernel extends MicroKernel {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  /** Floats per vector of the preferred species (16 with AVX-512). */
  static final int L = S.length();
  static final int MR = 6;
  static final int NR = 2 * L;

  SimdMicroKernel() {
    super(MR, NR);
  }

  @Override
  void run(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff,
      int ldc, boolean addToC) {
    // Row r of the tile starts at c0 + r * ldc; the accumulators are named c<row><vector>.
    final int c0 = cOff;
    final int c1 = c0 + ldc;
    final int c2 = c1 + ldc;
    final int c3 = c2 + ldc;
    final int c4 = c3 + ldc;
    final int c5 = c4 + ldc;
    FloatVector c00;
    FloatVector c01;
    FloatVector c10;
    FloatVector c11;
    FloatVector c20;
    FloatVector c21;
    FloatVector c30;
    FloatVector c31;
    FloatVector c40;
    FloatVector c41;
    FloatVector c50;
    FloatVector c51;
    if (addToC) {
      c00 = FloatVector.fromArray(S, c, c0);
      c01 = FloatVector.fromArray(S, c, c0 + L);
      c10 = FloatVector.fromArray(S, c, c1);
      c11 = FloatVector.fromArray(S, c, c1 + L);
      c20 = FloatVector.fromArray(S, c, c2);
      c21 = FloatVector.fromArray(S, c, c2 + L);
      c30 = FloatVector.fromArray(S, c, c3);
      c31 = FloatVector.fromArray(S, c, c3 + L);
      c40 = FloatVector.fromArray(S, c, c4);
      c41 = FloatVector.fromArray(S, c, c4 + L);
      c50 = FloatVector.fromArray(S, c, c5);
      c51 = FloatVector.fromArray(S, c, c5 + L);
    } else {
      FloatVector zero = FloatVector.zero(S);
      c00 = zero;
      c01 = zero;
      c10 = zero;
      c11 = zero;
      c20 = zero;
      c21 = zero;
      c30 = zero;
      c31 = zero;
      c40 = zero;
      c41 = zero;
      c50 = zero;
      c51 = zero;
    }
    for (int p = 0; p < kc; p++) {
      // Indices written as (offset + p * width) so that C2 can hoist the bounds checks.
      int ai = apOff + p * MR;
      int bi = bpOff + p * NR;
      FloatVector b0 = FloatVector.fromArray(S, bp, bi);
      FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
      FloatVector a = FloatVector.broadcast(S, ap[ai]);
      c00 = a.fma(b0, c00);
      c01 = a.fma(b1, c01);
      a = FloatVector.broadcast(S, ap[ai + 1]);
      c10 = a.fma(b0, c10);
      c11 = a.fma(b1, c11);
      a = FloatVector.broadcast(S, ap[ai + 2]);
      c20 = a.fma(b0, c20);
      c21 = a.fma(b1, c21);
      a = FloatVector.broadcast(S, ap[ai + 3]);
      c30 = a.fma(b0, c30);
      c31 = a.fma(b1, c31);
      a = FloatVector.broadcast(S, ap[ai + 4]);
      c40 = a.fma(b0, c40);
      c41 = a.fma(b1, c41);
      a = FloatVector.broadcast(S, ap[ai + 5]);
      c50 = a.fma(b0, c50);
      c51 = a.fma(b1, c51);
    }
    c00.intoArray(c, c0);
    c01.intoArray(c, c0 + L);
    c10.intoArray(c, c1);
    c11.intoArray(c, c1 + L);
    c20.intoArray(c, c2);
    c21.intoArray(c, c2 + L);
    c30.intoArray(c, c3);
    c31.intoArray(c, c3 + L);
    c40.intoArray(c, c4);
    c41.intoArray(c, c4 + L);
    c50.intoArray(c, c5);
    c51.intoArray(c, c5 + L);
  }
}
