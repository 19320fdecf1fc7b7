package cs336.engine.cpu.simd;

import static cs336.engine.cpu.CpuStorage.floats;
import static cs336.engine.cpu.simd.VectorMath.F;
import static cs336.engine.cpu.simd.VectorMath.L;

import cs336.engine.NDArray;
import cs336.engine.cpu.Split;
import cs336.engine.Parallel;
import jdk.incubator.vector.FloatVector;

/**
 * RMSNorm forward and backward over contiguous rows (legend: N rows, C = d_model), same formulas
 * as the scalar reference. The backward's dWeight sums over rows: each thread keeps its own
 * partial sum and the partials are added in chunk order, so the result is the same on every run.
 */
final class SimdNorm {
  private SimdNorm() {}

  // x: (N, C), weight: (C), out: (N, C), rstd: (N)
  static void rmsNorm(NDArray x, NDArray weight, float eps, NDArray out, NDArray rstd) {
    float[] xv = floats(x), w = floats(weight), ov = floats(out), rv = floats(rstd);
    int C = x.shape(-1), N = C == 0 ? 0 : x.numel() / C;
    int xo = x.offset(), oo = out.offset(), wo = weight.offset(), ro = rstd.offset();
    Split.forRange(N, Math.max(1, (1 << 15) / Math.max(C, 1)), (start, end) -> {
      for (int n = start; n < end; n++) {
        int row = n * C;
        float ss = VectorMath.dot(xv, xo + row, xv, xo + row, C);
        float r = (float) (1.0 / Math.sqrt(ss / C + eps));
        rv[ro + n] = r;
        FloatVector rr = FloatVector.broadcast(F, r);
        int c = 0;
        for (; c < F.loopBound(C); c += L) {
          FloatVector.fromArray(F, xv, xo + row + c).mul(rr).mul(FloatVector.fromArray(F, w, wo + c))
              .intoArray(ov, oo + row + c);
        }
        for (; c < C; c++) ov[oo + row + c] = xv[xo + row + c] * r * w[wo + c];
      }
    });
  }

  // dx = rstd * (g - xhat * mean(g * xhat)), g = weight * dOut, xhat = x * rstd; dWeight = sum dOut * xhat
  static void rmsNormBackward(NDArray x, NDArray weight, NDArray rstd, NDArray dOut, NDArray dx, NDArray dWeight) {
    float[] xv = floats(x), w = floats(weight), rv = floats(rstd), g = floats(dOut), dxv = floats(dx), dw = floats(dWeight);
    int C = x.shape(-1), N = C == 0 ? 0 : x.numel() / C;
    int xo = x.offset(), wo = weight.offset(), ro = rstd.offset(), go = dOut.offset(), dxo = dx.offset();
    int chunks = Split.chunks(N, Math.max(1, (1 << 15) / Math.max(C, 1)));
    float[][] partial = new float[Math.max(chunks, 1)][C];
    Parallel.forChunks(chunks, ch -> {
      float[] acc = partial[ch];
      for (int n = Parallel.chunkStart(N, chunks, ch); n < Parallel.chunkStart(N, chunks, ch + 1); n++) {
        int row = n * C;
        float r = rv[ro + n];
        FloatVector rr = FloatVector.broadcast(F, r);
        // dot = sum_c g_c w_c x_c * r, accumulated in vector lanes
        FloatVector dotv = FloatVector.zero(F);
        int c = 0;
        for (; c < F.loopBound(C); c += L) {
          FloatVector gx = FloatVector.fromArray(F, g, go + row + c);
          FloatVector xh = FloatVector.fromArray(F, xv, xo + row + c).mul(rr);
          dotv = gx.mul(FloatVector.fromArray(F, w, wo + c)).fma(xh, dotv);
          gx.fma(xh, FloatVector.fromArray(F, acc, c)).intoArray(acc, c);
        }
        float dot = Lanes.sum(dotv);
        for (; c < C; c++) {
          float xh = xv[xo + row + c] * r;
          dot += g[go + row + c] * w[wo + c] * xh;
          acc[c] += g[go + row + c] * xh;
        }
        float mean = dot / C;
        FloatVector mv = FloatVector.broadcast(F, mean);
        c = 0;
        for (; c < F.loopBound(C); c += L) {
          FloatVector xh = FloatVector.fromArray(F, xv, xo + row + c).mul(rr);
          FloatVector gw = FloatVector.fromArray(F, g, go + row + c).mul(FloatVector.fromArray(F, w, wo + c));
          gw.sub(xh.mul(mv)).mul(rr).intoArray(dxv, dxo + row + c);
        }
        for (; c < C; c++) {
          float xh = xv[xo + row + c] * r;
          dxv[dxo + row + c] = r * (g[go + row + c] * w[wo + c] - xh * mean);
        }
      }
    });
    int dwo = dWeight.offset();
    for (int c = 0; c < C; c++) {
      float s = 0;
      for (float[] p : partial) s += p[c];
      dw[dwo + c] = s;
    }
  }
}
