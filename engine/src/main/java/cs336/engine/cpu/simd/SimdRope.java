package cs336.engine.cpu.simd;

import static cs336.engine.cpu.CpuStorage.floats;
import static cs336.engine.cpu.simd.VectorMath.F;
import static cs336.engine.cpu.simd.VectorMath.L;

import cs336.engine.NDArray;
import cs336.engine.cpu.Split;
import cs336.engine.cpu.RopeTable;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;

/**
 * RoPE with interleaved pairs, vectorised as out = x * C + swap(x) * S where swap exchanges the two
 * elements of each pair, C repeats each cos twice and S is (-sin, +sin) per pair. Vectors start at
 * even offsets (rows have even length), so pairs never straddle two vectors.
 */
final class SimdRope {
  private static final VectorShuffle<Float> SWAP_PAIRS = VectorShuffle.fromOp(F, i -> i ^ 1);

  private SimdRope() {}

  // x: (N, D), positions: (N), out: (N, D)
  static void rope(NDArray x, NDArray positions, float theta, boolean inverse, NDArray out) {
    int D = x.shape(-1), half = D / 2, N = positions.numel();
    if (N == 0 || D == 0) return;
    RopeTable table = RopeTable.build(positions, D, theta);
    float[] cos = table.cos(), sin = table.sin();
    int entries = cos.length / half;
    float[] c2 = new float[entries * D], s2 = new float[entries * D];
    float sign = inverse ? -1f : 1f;
    for (int e = 0; e < entries; e++) {
      for (int i = 0; i < half; i++) {
        c2[e * D + 2 * i] = c2[e * D + 2 * i + 1] = cos[e * half + i];
        s2[e * D + 2 * i] = -sign * sin[e * half + i];
        s2[e * D + 2 * i + 1] = sign * sin[e * half + i];
      }
    }
    float[] xv = floats(x), ov = floats(out);
    int xo = x.offset(), oo = out.offset();
    Split.forRange(N, Math.max(1, (1 << 15) / D), (start, end) -> {
      for (int n = start; n < end; n++) {
        int t = table.base(n) * 2, row = n * D, j = 0;
        for (; j < F.loopBound(D); j += L) {
          FloatVector v = FloatVector.fromArray(F, xv, xo + row + j);
          FloatVector rot = v.mul(FloatVector.fromArray(F, c2, t + j))
              .add(v.rearrange(SWAP_PAIRS).mul(FloatVector.fromArray(F, s2, t + j)));
          rot.intoArray(ov, oo + row + j);
        }
        for (; j < D; j++) ov[oo + row + j] = xv[xo + row + j] * c2[t + j] + xv[xo + row + (j ^ 1)] * s2[t + j];
      }
    });
  }
}
