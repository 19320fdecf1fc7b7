package cs336.bench.engine;

import cs336.engine.Parallel;
import cs336.engine.cpu.gemm.Gemm;

/**
 * Causal attention composed from primitives on raw arrays, every matmul a call to the engine's
 * {@link Gemm#sgemmBatched} (transposes taken from strides): S = scale Q K^T, mask, softmax
 * (P, kept for backward), O = P V; the backward materialises dP and dS. Every head holds two
 * T x T matrices. One of the baselines of {@link AttentionBench}; its speed is that of today's GEMM.
 *
 * <p>Legend: B batch, H heads, T sequence, D head dimension; q, k, v, o and their gradients
 * contiguous [B, H, T, D], P and dS [B, H, T, T].
 */
final class GemmCompositeAttention {
  private final int BH, T, D;
  private final float scale;

  GemmCompositeAttention(int B, int H, int T, int D, float scale) {
    this.BH = B * H;
    this.T = T;
    this.D = D;
    this.scale = scale;
  }

  /** Writes o; returns the probabilities P [B, H, T, T] that backward needs (allocated per call). */
  float[] forward(float[] q, float[] k, float[] v, float[] o) {
    int TT = T * T, TD = T * D;
    float[] p = new float[BH * TT];
    Gemm.sgemmBatched(BH, T, T, D, q, 0, TD, D, 1, k, 0, TD, 1, D, p, 0, TT, T, false); // Q K^T
    maskedSoftmax(p);
    Gemm.sgemmBatched(BH, T, D, T, p, 0, TT, T, 1, v, 0, TD, D, 1, o, 0, TD, D, false); // P V
    return p;
  }

  /** Writes dq, dk, dv from the saved P and dO (dP, then dS, allocated per call). */
  void backward(float[] q, float[] k, float[] v, float[] p, float[] dO, float[] dq, float[] dk, float[] dv) {
    int TT = T * T, TD = T * D;
    float[] ds = new float[BH * TT];
    Gemm.sgemmBatched(BH, T, T, D, dO, 0, TD, D, 1, v, 0, TD, 1, D, ds, 0, TT, T, false); // dP = dO V^T
    Gemm.sgemmBatched(BH, T, D, T, p, 0, TT, 1, T, dO, 0, TD, D, 1, dv, 0, TD, D, false); // dV = P^T dO
    softmaxBackward(p, ds);
    Gemm.sgemmBatched(BH, T, D, T, ds, 0, TT, T, 1, k, 0, TD, D, 1, dq, 0, TD, D, false); // dQ = dS K
    Gemm.sgemmBatched(BH, T, D, T, ds, 0, TT, 1, T, q, 0, TD, D, 1, dk, 0, TD, D, false); // dK = dS^T Q
  }

  /** s = scale * s, -inf above the diagonal, softmax over each row, in place. */
  private void maskedSoftmax(float[] s) {
    Parallel.forRange(BH * T, 64, (start, end) -> {
      for (int row = start; row < end; row++) {
        int i = row % T, off = row * T;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j <= i; j++) max = Math.max(max, s[off + j] * scale);
        float sum = 0f;
        for (int j = 0; j <= i; j++) {
          float e = (float) Math.exp(s[off + j] * scale - max);
          s[off + j] = e;
          sum += e;
        }
        float inv = 1f / sum;
        for (int j = 0; j <= i; j++) s[off + j] *= inv;
        for (int j = i + 1; j < T; j++) s[off + j] = 0f;
      }
    });
  }

  /** dP becomes scale * dS = scale * P o (dP - rowsum(P o dP)), in place. */
  private void softmaxBackward(float[] p, float[] dp) {
    Parallel.forRange(BH * T, 64, (start, end) -> {
      for (int row = start; row < end; row++) {
        int off = row * T;
        float dot = 0f;
        for (int j = 0; j < T; j++) dot += p[off + j] * dp[off + j];
        for (int j = 0; j < T; j++) dp[off + j] = scale * p[off + j] * (dp[off + j] - dot);
      }
    });
  }
}
