package cs336.engine.cpu.attention;

import static cs336.engine.cpu.attention.TileKernels.ALL;
import static cs336.engine.cpu.attention.TileKernels.L;
import static cs336.engine.cpu.attention.TileKernels.roundUp;

import cs336.engine.Parallel;
import java.util.Arrays;

/**
 * Attention the way a framework composes it from primitives, one head at a time:
 * <pre>
 *   forward:   S = scale Q K^T,  mask,  P = softmax(S) (kept),  O = P V
 *   backward:  dP = dO V^T,  dV = P^T dO,  dS = P o (dP - rowsum(P o dP)),
 *              dQ = scale dS K,  dK = scale dS^T Q
 * </pre>
 * It computes every score, masked or not, and keeps P [B, H, Tq, Tk] from forward to backward:
 * O(Tq Tk) memory per head, which is what {@link FlashAttention} avoids. It is the baseline
 * FlashAttention is benchmarked against ({@code AttentionBench}); its matmuls are the same Vector
 * API {@link TileKernels#accumulate} the tiled kernels use, so the two differ in the algorithm
 * only. Same contract as {@link FlashAttention} otherwise.
 *
 * <p>Legend: B batch, H heads, Tq queries, Tk keys (Tkp rounded up to whole vectors), D head
 * dimension (Dp padded), off = Tk - Tq the causal offset.
 */
public final class AttentionComposite {
  private AttentionComposite() {}

  /**
   * Writes o [B, H, Tq, D] and lse [B, H, Tq] like {@link FlashAttention#forward} and returns P,
   * [B * H][Tq][Tkp] with Tkp = {@link #paddedKeys}(Tk), for {@link #backward}.
   */
  public static float[] forward(int B, int H, int Tq, int Tk, int D, float scale, boolean causal,
      AttnView q, AttnView k, AttnView v, AttnView o, float[] lse) {
    int Dp = TileKernels.paddedDim(D), Tkp = paddedKeys(Tk), off = Tk - Tq;
    float[] p = new float[B * H * Tq * Tkp];
    Parallel.forRange(B * H, 1, (start, end) -> {
      float[] qs = new float[Tq * Dp], kt = new float[D * Tkp], vRows = new float[Tkp * Dp];
      float[] out = new float[Tq * Dp];
      for (int bh = start; bh < end; bh++) {
        int b = bh / H, h = bh % H, pOff = bh * Tq * Tkp;
        TileKernels.rows(q, b, h, Tq, D, Dp, scale, qs);
        TileKernels.transposed(k, b, h, Tk, D, Tkp, kt);
        TileKernels.rows(v, b, h, Tk, D, Dp, 1f, vRows);
        TileKernels.accumulate(Tq, D, -ALL, ALL, qs, 0, Dp, 1, kt, 0, Tkp, p, pOff, null); // S = (scale Q) K^T
        for (int i = 0; i < Tq; i++) {
          int n = causal ? Math.clamp(i + off + 1, 0, Tk) : Tk; // mask: keys j < n are visible
          int row = pOff + i * Tkp;
          float max = TileKernels.rowMax(p, row, n);
          float sum = TileKernels.expRow(p, row, n, Tkp, max);  // P = exp(S - max) / sum
          if (n > 0) TileKernels.scale(p, row, Tkp, 1f / sum);
          lse[bh * Tq + i] = n > 0 ? max + (float) Math.log(sum) : Float.NEGATIVE_INFINITY;
        }
        Arrays.fill(out, 0f);
        TileKernels.accumulate(Tq, Tk, -ALL, ALL, p, pOff, Tkp, 1, vRows, 0, Dp, out, 0, null); // O = P V
        for (int i = 0; i < Tq; i++) System.arraycopy(out, i * Dp, o.data(), o.at(b, h, i), D);
      }
    });
    return p;
  }

  /** Writes dq, dk, dv like {@link FlashAttention#backward}, from the P that forward returned. */
  public static void backward(int B, int H, int Tq, int Tk, int D, float scale, boolean causal,
      AttnView q, AttnView k, AttnView v, float[] p, AttnView dO,
      AttnView dq, AttnView dk, AttnView dv) {
    int Dp = TileKernels.paddedDim(D), Tkp = paddedKeys(Tk);
    Parallel.forRange(B * H, 1, (start, end) -> {
      float[] qs = new float[Tq * Dp], g = new float[Tq * Dp], vt = new float[D * Tkp];
      float[] kRows = new float[Tkp * Dp], ds = new float[Tq * Tkp];
      float[] dqAcc = new float[Tq * Dp], dkAcc = new float[Tk * Dp], dvAcc = new float[Tk * Dp];
      for (int bh = start; bh < end; bh++) {
        int b = bh / H, h = bh % H, pOff = bh * Tq * Tkp;
        TileKernels.rows(q, b, h, Tq, D, Dp, scale, qs);
        TileKernels.rows(dO, b, h, Tq, D, Dp, 1f, g);
        TileKernels.transposed(v, b, h, Tk, D, Tkp, vt);
        TileKernels.rows(k, b, h, Tk, D, Dp, 1f, kRows);
        Arrays.fill(ds, 0f);
        Arrays.fill(dqAcc, 0f);
        Arrays.fill(dkAcc, 0f);
        Arrays.fill(dvAcc, 0f);
        TileKernels.accumulate(Tq, D, -ALL, ALL, g, 0, Dp, 1, vt, 0, Tkp, ds, 0, null);       // dP = dO V^T
        TileKernels.accumulate(Tk, Tq, -ALL, ALL, p, pOff, 1, Tkp, g, 0, Dp, dvAcc, 0, null);   // dV = P^T dO
        for (int i = 0; i < Tq; i++) {                                    // dS = P o (dP - rowsum(P o dP))
          float rowDot = TileKernels.dot(p, pOff + i * Tkp, ds, i * Tkp, Tkp);
          TileKernels.softmaxGrad(p, pOff + i * Tkp, ds, i * Tkp, Tkp, Tkp, rowDot);
        }
        TileKernels.accumulate(Tq, Tk, -ALL, ALL, ds, 0, Tkp, 1, kRows, 0, Dp, dqAcc, 0, null); // dQ = dS K (times scale below)
        TileKernels.accumulate(Tk, Tq, -ALL, ALL, ds, 0, 1, Tkp, qs, 0, Dp, dkAcc, 0, null);    // dK = dS^T (scale Q)
        for (int i = 0; i < Tq; i++) TileKernels.scaledCopy(dqAcc, i * Dp, dq.data(), dq.at(b, h, i), D, scale);
        for (int j = 0; j < Tk; j++) {
          System.arraycopy(dkAcc, j * Dp, dk.data(), dk.at(b, h, j), D);
          System.arraycopy(dvAcc, j * Dp, dv.data(), dv.at(b, h, j), D);
        }
      }
    });
  }

  /** Row length of the P that {@link #forward} returns: Tk rounded up to whole vectors. */
  public static int paddedKeys(int Tk) {
    return roundUp(Tk, L);
  }
}
