package cs336.engine.cpu.attention;

import static cs336.engine.cpu.attention.TileKernels.ALL;
import static cs336.engine.cpu.attention.TileKernels.BC;
import static cs336.engine.cpu.attention.TileKernels.BR;
import static cs336.engine.cpu.attention.TileKernels.L;
import static cs336.engine.cpu.attention.TileKernels.roundUp;

import cs336.engine.Parallel;
import java.util.Arrays;

/**
 * The tiled attention forward (FlashAttention-2, Algorithm 1; docs/flash-attention.md): a tile of
 * BR queries walks the key tiles left to right keeping, per query row, the running max m, the
 * running sum l of exp(S - m) and the unnormalised output; the T x T score matrix never exists.
 *
 * <p>Legend: B batch, H heads, Tq queries, Tk keys, D head dimension (Dp padded to whole vectors),
 * BR x BC the tile, R and W the rows and (padded) keys of the current tile, off = Tk - Tq the
 * causal offset (query i sees keys j <= i + off).
 *
 * <p>Work is split over (head, query tile) items: each writes its own rows of o and lse, so the
 * result does not depend on the thread count. Memory per thread: the head's packed K^T and V
 * (O(Tk D)) and one tile's Q, S and O (O(BR (BC + D))).
 */
final class FlashForward {
  private FlashForward() {}

  static void run(int B, int H, int Tq, int Tk, int D, float scale, boolean causal,
      AttnView q, AttnView k, AttnView v, AttnView o, float[] lse) {
    int off = Tk - Tq;
    // Causal queries i < -off see no key at all: o = 0 and lse = -inf, as the reference writes.
    int qStart = causal ? Math.max(0, -off) : 0;
    for (int bh = 0; bh < B * H; bh++) {
      for (int i = 0; i < qStart; i++) {
        Arrays.fill(o.data(), o.at(bh / H, bh % H, i), o.at(bh / H, bh % H, i) + D, 0f);
        lse[bh * Tq + i] = Float.NEGATIVE_INFINITY;
      }
    }
    int tiles = (Tq - qStart + BR - 1) / BR;
    long workPerItem = (long) Math.min(BR, Tq) * Tk * D;
    int minChunk = (int) Math.max(1, (1 << 16) / workPerItem);
    Parallel.forRange(B * H * tiles, minChunk, (start, end) -> {
      Scratch s = new Scratch(Tq, Tk, D);
      for (int item = start; item < end; item++) {
        int bh = item / tiles;
        int b = bh / H, h = bh % H;
        if (bh != s.packedHead) {
          s.packHead(b, h, Tk, D, k, v);
          s.packedHead = bh;
        }
        int i0 = qStart + (item % tiles) * BR;
        queryTile(b, h, bh, i0, Math.min(Tq, i0 + BR), Tq, Tk, D, scale, causal, q, o, lse, s);
      }
    });
  }

  /** Per-thread buffers; row-major with the layouts of {@link TileKernels}. */
  private static final class Scratch {
    final int Dp;
    final float[] kt;     // [key tiles][D][BC]  K^T, one block per key tile
    final float[] vRows;  // [key tiles * BC][Dp]  V, zero-padded
    final float[] qRows;  // [BR][Dp]  scale * Q of the current tile
    final float[] s;      // [BR][BC]  scores S, then P~ = exp(S - m)
    final float[] oAcc;   // [BR][Dp]  unnormalised output
    final float[] m = new float[BR], mNew = new float[BR], l = new float[BR], alpha = new float[BR];
    int packedHead = -1;

    Scratch(int Tq, int Tk, int D) {
      Dp = TileKernels.paddedDim(D);
      int keyTiles = (Tk + BC - 1) / BC;
      kt = new float[keyTiles * D * BC];
      vRows = new float[keyTiles * BC * Dp];
      qRows = new float[BR * Dp];
      s = new float[BR * BC];
      oAcc = new float[BR * Dp];
    }

    /** K^T into blocks of BC keys and V into padded rows; the padding (past Tk, past D) stays zero. */
    void packHead(int b, int h, int Tk, int D, AttnView k, AttnView v) {
      TileKernels.transposed(k, b, h, Tk, D, BC, kt);
      TileKernels.rows(v, b, h, Tk, D, Dp, 1f, vRows);
    }
  }

  /** Rows [i0, i1) of head (b, h): lines 3-13 of Algorithm 1. */
  private static void queryTile(int b, int h, int bh, int i0, int i1, int Tq, int Tk, int D,
      float scale, boolean causal, AttnView q, AttnView o, float[] lse, Scratch s) {
    int Dp = s.Dp, R = i1 - i0, off = Tk - Tq;
    for (int r = 0; r < R; r++) TileKernels.scaledCopy(q.data(), q.at(b, h, i0 + r), s.qRows, r * Dp, D, scale);
    Arrays.fill(s.m, Float.NEGATIVE_INFINITY);
    Arrays.fill(s.l, 0f);
    Arrays.fill(s.oAcc, 0, R * Dp, 0f);
    // Causal: key tiles past the last row's horizon are fully masked and skipped.
    int kEnd = causal ? Math.min(Tk, i1 + off) : Tk;
    for (int j0 = 0; j0 < kEnd; j0 += BC) {
      int w = Math.min(BC, kEnd - j0), W = roundUp(w, L);
      // Row r sees the tile's keys c <= r + diag: a band on the diagonal tiles, everything before.
      int diag = causal ? i0 + off - j0 : ALL;
      // S = (scale Q) K_j^T
      TileKernels.scores(R, W, diag, D, Dp, s.qRows, 0, s.kt, (j0 / BC) * D * BC, s.s);
      // m_new = max(m, rowmax S);  P~ = exp(S - m_new);  l = e^(m - m_new) l + rowsum P~
      for (int r = 0; r < R; r++) {
        s.mNew[r] = Math.max(s.m[r], TileKernels.rowMax(s.s, r * BC, TileKernels.visible(r, diag, w)));
      }
      TileKernels.expDiff(s.m, s.mNew, s.alpha, BR);
      for (int r = 0; r < R; r++) {
        float sum = TileKernels.expRow(s.s, r * BC, TileKernels.visible(r, diag, w), W, s.mNew[r]);
        s.l[r] = s.alpha[r] * s.l[r] + sum;
        s.m[r] = s.mNew[r];
      }
      // O = diag(e^(m - m_new)) O + P~ V_j
      TileKernels.accumulate(R, w, -ALL, diag, s.s, 0, BC, 1, s.vRows, j0 * Dp, Dp, s.oAcc, 0, s.alpha);
    }
    // o_i = O_i / l_i,  lse_i = m_i + log l_i
    for (int r = 0; r < R; r++) {
      TileKernels.scaledCopy(s.oAcc, r * Dp, o.data(), o.at(b, h, i0 + r), D, 1f / s.l[r]);
      lse[bh * Tq + i0 + r] = s.m[r] + (float) Math.log(s.l[r]);
    }
  }
}
