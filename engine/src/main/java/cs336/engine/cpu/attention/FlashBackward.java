package cs336.engine.cpu.attention;

import static cs336.engine.cpu.attention.TileKernels.ALL;
import static cs336.engine.cpu.attention.TileKernels.BC;
import static cs336.engine.cpu.attention.TileKernels.BR;
import static cs336.engine.cpu.attention.TileKernels.L;
import static cs336.engine.cpu.attention.TileKernels.roundUp;

import cs336.engine.Parallel;
import java.util.Arrays;

/**
 * The tiled attention backward (FlashAttention-2, Algorithm 2; docs/flash-attention.md): for each
 * key tile, walk the query tiles that can see it, recompute P = exp(S - lse) from the saved lse,
 * and accumulate
 * <pre>
 *   dV_j += P^T dO_i      dP = dO_i V_j^T      dS = P o (dP - delta_i),  delta_i = dO_i . o_i
 *   dK_j += scale dS^T Q_i                     dQ_i += scale dS K_j
 * </pre>
 * dK_j and dV_j live in a tile buffer until the key tile is done; dQ accumulates over key tiles
 * in a per-head buffer. Neither P nor dP is ever larger than one BR x BC tile.
 *
 * <p>Legend: B batch, H heads, Tq queries, Tk keys, D head dimension (Dp padded to whole vectors),
 * BR x BC the tile, R and W the rows and (padded) keys of the current tile, off = Tk - Tq the
 * causal offset (query i sees keys j <= i + off).
 *
 * <p>Work is split over heads: dQ sums over key tiles and dK, dV over query tiles, so one thread
 * owns a whole head and each sum runs in a fixed order; the result does not depend on the thread
 * count. Memory per thread: the head's packed Q, dO, K, K^T, V^T and dQ (O((Tq + Tk) D)) and
 * the S, dP, dK and dV tiles (O(BC (BR + D))).
 */
final class FlashBackward {
  private FlashBackward() {}

  static void run(int B, int H, int Tq, int Tk, int D, float scale, boolean causal,
      AttnView q, AttnView k, AttnView v, AttnView o, AttnView dO, float[] lse,
      AttnView dq, AttnView dk, AttnView dv) {
    long workPerHead = (long) Tq * Tk * D;
    int minChunk = (int) Math.max(1, (1 << 16) / workPerHead);
    Parallel.forRange(B * H, minChunk, (start, end) -> {
      Scratch s = new Scratch(Tq, Tk, D);
      for (int bh = start; bh < end; bh++) {
        head(bh / H, bh % H, bh, Tq, Tk, D, scale, causal, q, k, v, o, dO, lse, dq, dk, dv, s);
      }
    });
  }

  /** Per-thread buffers; row-major with the layouts of {@link TileKernels}. */
  private static final class Scratch {
    final int Dp;
    final float[] qRows, dORows, dqAcc; // [Tq][Dp]  scale * Q, dO, unscaled dQ
    final float[] delta;                // [Tq]      dO_i . o_i
    final float[] kRows;                // [key tiles * BC][Dp]  K
    final float[] kt, vt;               // [key tiles][D][BC]    K^T and V^T
    final float[] p, ds;                // [BR][BC]  P, and dP then dS
    final float[] dkAcc, dvAcc;         // [BC][Dp]

    Scratch(int Tq, int Tk, int D) {
      Dp = TileKernels.paddedDim(D);
      int keyTiles = (Tk + BC - 1) / BC;
      qRows = new float[Tq * Dp];
      dORows = new float[Tq * Dp];
      dqAcc = new float[Tq * Dp];
      delta = new float[Tq];
      kRows = new float[keyTiles * BC * Dp];
      kt = new float[keyTiles * D * BC];
      vt = new float[keyTiles * D * BC];
      p = new float[BR * BC];
      ds = new float[BR * BC];
      dkAcc = new float[BC * Dp];
      dvAcc = new float[BC * Dp];
    }
  }

  private static void head(int b, int h, int bh, int Tq, int Tk, int D, float scale,
      boolean causal, AttnView q, AttnView k, AttnView v, AttnView o, AttnView dO, float[] lse,
      AttnView dq, AttnView dk, AttnView dv, Scratch s) {
    int Dp = s.Dp, off = Tk - Tq;
    // ---- pack the head (the padding past D and past Tk stays zero) ----
    TileKernels.rows(q, b, h, Tq, D, Dp, scale, s.qRows);
    TileKernels.rows(dO, b, h, Tq, D, Dp, 1f, s.dORows);
    TileKernels.rows(k, b, h, Tk, D, Dp, 1f, s.kRows);
    TileKernels.transposed(k, b, h, Tk, D, BC, s.kt);
    TileKernels.transposed(v, b, h, Tk, D, BC, s.vt);
    for (int i = 0; i < Tq; i++) {
      // delta_i = dO_i . o_i = sum_j P_ij dP_ij (docs/flash-attention.md)
      s.delta[i] = TileKernels.dot(dO.data(), dO.at(b, h, i), o.data(), o.at(b, h, i), D);
    }
    Arrays.fill(s.dqAcc, 0f);

    // ---- key tiles (outer), query tiles that see them (inner) ----
    // Causal queries i < -off see no key; they keep dq = 0.
    int qStart = causal ? Math.max(0, -off) : 0;
    for (int j0 = 0; j0 < Tk; j0 += BC) {
      int w = Math.min(BC, Tk - j0), W = roundUp(w, L), block = (j0 / BC) * D * BC;
      Arrays.fill(s.dkAcc, 0f);
      Arrays.fill(s.dvAcc, 0f);
      // Causal: query tiles before the first row that sees key j0 are fully masked and skipped.
      int iFirst = causal ? Math.max(qStart, j0 - off) : 0;
      for (int i0 = iFirst; i0 < Tq; i0 += BR) {
        int R = Math.min(BR, Tq - i0);
        // Row r sees the tile's keys c <= r + diag (a band when the tile is on the diagonal).
        int diag = causal ? i0 + off - j0 : ALL;
        TileKernels.scores(R, W, diag, D, Dp, s.qRows, i0 * Dp, s.kt, block, s.p);   // S = scale Q K^T
        TileKernels.scores(R, W, diag, D, Dp, s.dORows, i0 * Dp, s.vt, block, s.ds); // dP = dO V^T
        for (int r = 0; r < R; r++) {
          int i = i0 + r, n = TileKernels.visible(r, diag, w);
          TileKernels.expRow(s.p, r * BC, n, W, lse[bh * Tq + i]);                 // P = exp(S - lse)
          TileKernels.softmaxGrad(s.p, r * BC, s.ds, r * BC, n, W, s.delta[i]);   // dS = P o (dP - delta)
        }
        // Key c of the tile is seen by rows r >= c - diag: the transposed products start there.
        TileKernels.accumulate(W, R, -diag, ALL, s.p, 0, 1, BC, s.dORows, i0 * Dp, Dp, s.dvAcc, 0, null); // dV += P^T dO
        TileKernels.accumulate(W, R, -diag, ALL, s.ds, 0, 1, BC, s.qRows, i0 * Dp, Dp, s.dkAcc, 0, null); // dK += dS^T (scale Q)
        TileKernels.accumulate(R, w, -ALL, diag, s.ds, 0, BC, 1, s.kRows, j0 * Dp, Dp, s.dqAcc, i0 * Dp, null); // dQ += dS K
      }
      for (int c = 0; c < w; c++) {
        System.arraycopy(s.dkAcc, c * Dp, dk.data(), dk.at(b, h, j0 + c), D);
        System.arraycopy(s.dvAcc, c * Dp, dv.data(), dv.at(b, h, j0 + c), D);
      }
    }
    for (int i = 0; i < Tq; i++) { // dQ = scale dS K
      TileKernels.scaledCopy(s.dqAcc, i * Dp, dq.data(), dq.at(b, h, i), D, scale);
    }
  }
}
