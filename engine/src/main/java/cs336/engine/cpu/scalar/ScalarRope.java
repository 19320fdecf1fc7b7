package cs336.engine.cpu.scalar;

import static cs336.engine.cpu.CpuStorage.floats;

import cs336.engine.NDArray;
import cs336.engine.cpu.Split;
import cs336.engine.cpu.RopeTable;
import cs336.engine.cpu.Rows;

/**
 * RoPE (handout section 3.5.3) with interleaved pairs: pair i of a row, (x[2i], x[2i+1]), is
 * multiplied by the 2x2 rotation R(angle), angle = pos * theta^(-2i/D). The backward multiplies by
 * R(angle)^T = R(-angle), so it is the same kernel with {@code inverse}. Legend: N rows, D = d_k.
 */
final class ScalarRope {
  private ScalarRope() {}

  // x: (N, D), positions: (N) int64, out: (N, D)
  static void rope(NDArray x, NDArray positions, float theta, boolean inverse, NDArray out) {
    Rows.requireContiguous("rope x", x);
    Rows.requireContiguous("rope out", out);
    int D = x.shape(-1), half = D / 2, N = positions.numel();
    if (N == 0 || D == 0) return;
    RopeTable table = RopeTable.build(positions, D, theta);
    float[] xv = floats(x), ov = floats(out), cos = table.cos(), sin = table.sin();
    int xo = x.offset(), oo = out.offset();
    float sign = inverse ? -1f : 1f;
    Split.forRange(N, Math.max(1, ScalarElementwise.GRAIN / D), (start, end) -> {
      for (int n = start; n < end; n++) {
        int t = table.base(n);
        for (int i = 0; i < half; i++) {
          float c = cos[t + i], s = sign * sin[t + i];
          float x0 = xv[xo + n * D + 2 * i], x1 = xv[xo + n * D + 2 * i + 1];
          ov[oo + n * D + 2 * i] = x0 * c - x1 * s;
          ov[oo + n * D + 2 * i + 1] = x0 * s + x1 * c;
        }
      }
    });
  }
}
