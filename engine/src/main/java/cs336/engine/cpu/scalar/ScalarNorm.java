package cs336.engine.cpu.scalar;

import static cs336.engine.cpu.CpuStorage.floats;

import cs336.engine.NDArray;
import cs336.engine.cpu.Split;
import cs336.engine.cpu.Rows;

/**
 * RMSNorm (handout eq. 4), forward and backward, over rows of the last dimension.
 * Legend: N rows (all leading dimensions), C channels (d_model).
 */
final class ScalarNorm {
  private ScalarNorm() {}

  // x: (N, C), weight: (C), out: (N, C), rstd: (N)
  static void rmsNorm(NDArray x, NDArray weight, float eps, NDArray out, NDArray rstd) {
    Rows.requireContiguous("rmsNorm x", x);
    Rows.requireContiguous("rmsNorm out", out);
    Rows.requireContiguous("rmsNorm weight", weight);
    Rows.requireContiguous("rmsNorm rstd", rstd);
    float[] xv = floats(x), w = floats(weight), ov = floats(out), rv = floats(rstd);
    int C = x.shape(-1), N = C == 0 ? 0 : x.numel() / C;
    int xo = x.offset(), oo = out.offset(), wo = weight.offset(), ro = rstd.offset();
    Split.forRange(N, Math.max(1, ScalarElementwise.GRAIN / Math.max(C, 1)), (start, end) -> {
      for (int n = start; n < end; n++) {
        int row = n * C;
        double ss = 0;
        for (int c = 0; c < C; c++) ss += (double) xv[xo + row + c] * xv[xo + row + c];
        float r = (float) (1.0 / Math.sqrt(ss / C + eps));
        rv[ro + n] = r;
        for (int c = 0; c < C; c++) ov[oo + row + c] = xv[xo + row + c] * r * w[wo + c];
      }
    });
  }

  // dx = rstd * (g - xhat * mean(g * xhat)), g = weight * dOut, xhat = x * rstd
  // dWeight = sum_n dOut[n] * xhat[n]
  static void rmsNormBackward(NDArray x, NDArray weight, NDArray rstd, NDArray dOut, NDArray dx, NDArray dWeight) {
    for (NDArray a : new NDArray[] {x, weight, rstd, dOut, dx, dWeight}) Rows.requireContiguous("rmsNormBackward operand", a);
    float[] xv = floats(x), w = floats(weight), rv = floats(rstd), g = floats(dOut), dxv = floats(dx), dw = floats(dWeight);
    int C = x.shape(-1), N = C == 0 ? 0 : x.numel() / C;
    int xo = x.offset(), wo = weight.offset(), ro = rstd.offset(), go = dOut.offset(), dxo = dx.offset();
    double[] dwAcc = new double[C];
    for (int n = 0; n < N; n++) {
      int row = n * C;
      float r = rv[ro + n];
      double dot = 0;
      for (int c = 0; c < C; c++) {
        float xhat = xv[xo + row + c] * r;
        dot += (double) g[go + row + c] * w[wo + c] * xhat;
        dwAcc[c] += (double) g[go + row + c] * xhat;
      }
      float mean = (float) (dot / C);
      for (int c = 0; c < C; c++) {
        float xhat = xv[xo + row + c] * r;
        dxv[dxo + row + c] = r * (g[go + row + c] * w[wo + c] - xhat * mean);
      }
    }
    for (int c = 0; c < C; c++) dw[dWeight.offset() + c] = (float) dwAcc[c];
  }
}
