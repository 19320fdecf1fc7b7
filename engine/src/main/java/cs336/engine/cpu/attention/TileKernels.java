package cs336.engine.cpu.attention;

import cs336.engine.cpu.simd.Lanes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API building blocks of {@link FlashForward} and {@link FlashBackward}: two small tile
 * products, the row-wise softmax steps, and a vector exp. Every other line of the attention
 * kernels is index bookkeeping around these.
 *
 * <p>Layouts (row-major, packed by the callers so that the vector loops have no tails):
 * <pre>
 *   score tiles      s[r * BC + c]          r < R rows (queries), c < W keys, W a multiple of L
 *   feature rows     x[off + i * Dp + d]    Dp = D rounded up to L, zero-padded past D
 *   key blocks       kt[off + d * BC + c]   K^T of one key tile (D rows of BC keys), zero past the keys
 * </pre>
 * Legend: L vector lanes, R rows of a tile, W keys of a tile (padded), BC the key tile's capacity,
 * D head dimension, Dp its padded width.
 */
final class TileKernels {
  private TileKernels() {}

  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  /** Vector lanes (16 with AVX-512); never hard-coded elsewhere. */
  static final int L = F.length();
  /** Rows of the register block (4 rows x 2 vectors = 8 accumulators). */
  private static final int ROWS = 4;
  /** Keys per tile: 64, rounded up to a whole number of vectors. */
  static final int BC = roundUp(64, L);
  /** Queries per tile. A 64 x 64 score tile is 16 KiB: S and dP stay in L1 beside the rows they use. */
  static final int BR = 64;

  static int roundUp(int n, int m) {
    return (n + m - 1) / m * m;
  }

  /** A band offset that excludes nothing: {@code kFrom = -ALL, kTo = ALL} is the full matrix. */
  static final int ALL = 1 << 28;

  /** Width of a packed feature row: D rounded up to whole vectors. */
  static int paddedDim(int D) {
    return roundUp(D, L);
  }

  // ---- tile products ----

  /**
   * s[r][c] = sum_{d < D} x[r][d] * kt[d][c] for r < R, c < W: a query tile times a packed key
   * block, i.e. S = Q K^T (or dP = dO V^T). Vectors run along the keys, so no horizontal sums.
   * Causal tiles pass the diagonal: only entries with {@code c - r <= diag} are needed, and a block
   * of rows stops at the vector holding its last needed column (the rest is left unset); pass
   * {@link #ALL} for a full tile.
   *
   * @param x read: R feature rows from {@code xOff}
   * @param kt read: a key block from {@code ktOff}
   * @param s overwritten: the R x W score tile (within the band)
   */
  static void scores(int R, int W, int diag, int D, int Dp, float[] x, int xOff, float[] kt,
      int ktOff, float[] s) {
    int r = 0;
    for (; r + ROWS <= R; r += ROWS) {
      int x0 = xOff + r * Dp, x1 = x0 + Dp, x2 = x1 + Dp, x3 = x2 + Dp;
      int Wr = bandWidth(r + ROWS - 1, W, diag);
      int c = 0;
      for (; c + 2 * L <= Wr; c += 2 * L) {
        FloatVector a00 = FloatVector.zero(F), a01 = a00, a10 = a00, a11 = a00;
        FloatVector a20 = a00, a21 = a00, a30 = a00, a31 = a00;
        for (int d = 0, y = ktOff + c; d < D; d++, y += BC) {
          FloatVector k0 = FloatVector.fromArray(F, kt, y);
          FloatVector k1 = FloatVector.fromArray(F, kt, y + L);
          FloatVector q = FloatVector.broadcast(F, x[x0 + d]);
          a00 = q.fma(k0, a00);
          a01 = q.fma(k1, a01);
          q = FloatVector.broadcast(F, x[x1 + d]);
          a10 = q.fma(k0, a10);
          a11 = q.fma(k1, a11);
          q = FloatVector.broadcast(F, x[x2 + d]);
          a20 = q.fma(k0, a20);
          a21 = q.fma(k1, a21);
          q = FloatVector.broadcast(F, x[x3 + d]);
          a30 = q.fma(k0, a30);
          a31 = q.fma(k1, a31);
        }
        int s0 = r * BC + c;
        a00.intoArray(s, s0);
        a01.intoArray(s, s0 + L);
        a10.intoArray(s, s0 + BC);
        a11.intoArray(s, s0 + BC + L);
        a20.intoArray(s, s0 + 2 * BC);
        a21.intoArray(s, s0 + 2 * BC + L);
        a30.intoArray(s, s0 + 3 * BC);
        a31.intoArray(s, s0 + 3 * BC + L);
      }
      if (c < Wr) { // one vector of keys left (an odd number of vectors): 4 rows x 1 vector
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
        for (int d = 0, y = ktOff + c; d < D; d++, y += BC) {
          FloatVector k0 = FloatVector.fromArray(F, kt, y);
          a0 = FloatVector.broadcast(F, x[x0 + d]).fma(k0, a0);
          a1 = FloatVector.broadcast(F, x[x1 + d]).fma(k0, a1);
          a2 = FloatVector.broadcast(F, x[x2 + d]).fma(k0, a2);
          a3 = FloatVector.broadcast(F, x[x3 + d]).fma(k0, a3);
        }
        int s0 = r * BC + c;
        a0.intoArray(s, s0);
        a1.intoArray(s, s0 + BC);
        a2.intoArray(s, s0 + 2 * BC);
        a3.intoArray(s, s0 + 3 * BC);
      }
    }
    for (; r < R; r++) {
      int Wr = bandWidth(r, W, diag);
      for (int c = 0; c < Wr; c += L) scoresOne(D, x, xOff + r * Dp, kt, ktOff + c, s, r * BC + c);
    }
  }

  /** Keys of a w-key tile that row r sees: c <= r + diag (ALL: every key). */
  static int visible(int r, int diag, int w) {
    return Math.clamp((long) r + diag + 1, 0, w);
  }

  /** Columns row r needs, c <= r + diag, rounded up to whole vectors and capped at W. */
  private static int bandWidth(int r, int W, int diag) {
    return Math.min(W, roundUp(visible(r, diag, W), L));
  }

  /** One row times one vector of keys: the remainder of {@link #scores}. */
  private static void scoresOne(int D, float[] x, int xi, float[] kt, int y, float[] s, int si) {
    FloatVector acc = FloatVector.zero(F);
    for (int d = 0; d < D; d++, y += BC) {
      acc = FloatVector.broadcast(F, x[xi + d]).fma(FloatVector.fromArray(F, kt, y), acc);
    }
    acc.intoArray(s, si);
  }

  /**
   * c[a][:] = alpha[a] * c[a][:] + sum_{k < K} p(a, k) * y[k][:] for a < A, where
   * p(a, k) = p[pOff + a * pa + k * pk] and rows of y and c hold N floats (N a multiple of L; Dp for
   * feature rows). With (pa, pk) = (BC, 1) it is O = diag(alpha) O + P V (or dQ += dS K); with
   * (1, BC) it reads the score tile transposed: dV += P^T dO, dK += dS^T Q. Vectors run along the
   * rows of y and c, so it is also a plain small GEMM (see {@link AttentionComposite}).
   *
   * <p>Causal tiles are a band: p(a, k) is zero unless {@code kFrom <= k - a <= kTo}, and each
   * block of rows reduces over its band only (pass {@code -ALL, ALL} for a full matrix).
   *
   * @param p read: a score tile (or any matrix, through pa and pk)
   * @param y read: K rows from {@code yOff}
   * @param c accumulated: A rows from {@code cOff}
   * @param alpha read: a factor per row of c applied before accumulating, or null for 1
   */
  static void accumulate(int A, int K, int kFrom, int kTo, float[] p, int pOff, int pa, int pk,
      float[] y, int yOff, int N, float[] c, int cOff, float[] alpha) {
    int a = 0;
    for (; a + ROWS <= A; a += ROWS) {
      int c0 = cOff + a * N;
      int k0 = Math.clamp((long) a + kFrom, 0, K), k1 = Math.clamp((long) a + ROWS + kTo, 0, K);
      int v = 0;
      for (; v + 2 * L <= N; v += 2 * L) {
        FloatVector a00 = load(c, c0 + v, alpha, a), a01 = load(c, c0 + v + L, alpha, a);
        FloatVector a10 = load(c, c0 + N + v, alpha, a + 1);
        FloatVector a11 = load(c, c0 + N + v + L, alpha, a + 1);
        FloatVector a20 = load(c, c0 + 2 * N + v, alpha, a + 2);
        FloatVector a21 = load(c, c0 + 2 * N + v + L, alpha, a + 2);
        FloatVector a30 = load(c, c0 + 3 * N + v, alpha, a + 3);
        FloatVector a31 = load(c, c0 + 3 * N + v + L, alpha, a + 3);
        for (int k = k0, yi = yOff + v + k0 * N, pi = pOff + a * pa + k0 * pk; k < k1; k++, yi += N, pi += pk) {
          FloatVector y0 = FloatVector.fromArray(F, y, yi);
          FloatVector y1 = FloatVector.fromArray(F, y, yi + L);
          FloatVector w = FloatVector.broadcast(F, p[pi]);
          a00 = w.fma(y0, a00);
          a01 = w.fma(y1, a01);
          w = FloatVector.broadcast(F, p[pi + pa]);
          a10 = w.fma(y0, a10);
          a11 = w.fma(y1, a11);
          w = FloatVector.broadcast(F, p[pi + 2 * pa]);
          a20 = w.fma(y0, a20);
          a21 = w.fma(y1, a21);
          w = FloatVector.broadcast(F, p[pi + 3 * pa]);
          a30 = w.fma(y0, a30);
          a31 = w.fma(y1, a31);
        }
        a00.intoArray(c, c0 + v);
        a01.intoArray(c, c0 + v + L);
        a10.intoArray(c, c0 + N + v);
        a11.intoArray(c, c0 + N + v + L);
        a20.intoArray(c, c0 + 2 * N + v);
        a21.intoArray(c, c0 + 2 * N + v + L);
        a30.intoArray(c, c0 + 3 * N + v);
        a31.intoArray(c, c0 + 3 * N + v + L);
      }
      for (; v < N; v += L) {
        for (int u = 0; u < ROWS; u++) accumulateOne(a + u, k0, k1, p, pOff, pa, pk, y, yOff + v, N, c, cOff + v, alpha);
      }
    }
    for (; a < A; a++) {
      int k0 = Math.clamp((long) a + kFrom, 0, K), k1 = Math.clamp((long) a + 1 + kTo, 0, K);
      for (int v = 0; v < N; v += L) accumulateOne(a, k0, k1, p, pOff, pa, pk, y, yOff + v, N, c, cOff + v, alpha);
    }
  }

  /** One row a, one vector of features, k in [k0, k1): the remainder of {@link #accumulate}. */
  private static void accumulateOne(int a, int k0, int k1, float[] p, int pOff, int pa, int pk,
      float[] y, int yi, int N, float[] c, int cOff, float[] alpha) {
    int ci = cOff + a * N;
    FloatVector acc = load(c, ci, alpha, a);
    yi += k0 * N;
    for (int k = k0, pi = pOff + a * pa + k0 * pk; k < k1; k++, yi += N, pi += pk) {
      acc = FloatVector.broadcast(F, p[pi]).fma(FloatVector.fromArray(F, y, yi), acc);
    }
    acc.intoArray(c, ci);
  }

  private static FloatVector load(float[] c, int i, float[] alpha, int a) {
    FloatVector v = FloatVector.fromArray(F, c, i);
    return alpha == null ? v : v.mul(alpha[a]);
  }

  // ---- row-wise softmax steps ----

  /** max of s[off .. off + n); -inf when n = 0. */
  static float rowMax(float[] s, int off, int n) {
    int c = 0;
    float max = Float.NEGATIVE_INFINITY;
    if (n >= L) {
      FloatVector m = FloatVector.fromArray(F, s, off);
      for (c = L; c + L <= n; c += L) m = m.max(FloatVector.fromArray(F, s, off + c));
      max = m.reduceLanes(VectorOperators.MAX);
    }
    for (; c < n; c++) max = Math.max(max, s[off + c]);
    return max;
  }

  /**
   * s[off + c] = exp(s[off + c] - shift) for c < n, and 0 for n <= c < W (the masked keys);
   * returns the sum. The forward's P~ = exp(S - m_new), the backward's P = exp(S - lse).
   */
  static float expRow(float[] s, int off, int n, int W, float shift) {
    FloatVector sum = FloatVector.zero(F);
    for (int c = 0; c < W; c += L) {
      FloatVector e;
      if (c + L <= n) {
        e = exp(FloatVector.fromArray(F, s, off + c).sub(shift));
      } else if (c < n) {
        VectorMask<Float> live = F.indexInRange(c, n);
        e = FloatVector.zero(F).blend(exp(FloatVector.fromArray(F, s, off + c).sub(shift)), live);
      } else {
        e = FloatVector.zero(F);
      }
      e.intoArray(s, off + c);
      sum = sum.add(e);
    }
    return Lanes.sum(sum);
  }

  /**
   * ds[dsOff + c] = p[pOff + c] * (ds[dsOff + c] - delta) for c < n, and 0 for n <= c < W:
   * dS = P o (dP - delta_i), where P is zero past the n visible keys (dP there may be unset).
   */
  static void softmaxGrad(float[] p, int pOff, float[] ds, int dsOff, int n, int W, float delta) {
    int c = 0;
    for (; c < n; c += L) {
      FloatVector dp = FloatVector.fromArray(F, ds, dsOff + c).sub(delta);
      FloatVector.fromArray(F, p, pOff + c).mul(dp).intoArray(ds, dsOff + c);
    }
    for (; c < W; c += L) FloatVector.zero(F).intoArray(ds, dsOff + c);
  }

  /** out[i] = exp(a[i] - b[i]) for i < n (a multiple of L): the online softmax's rescale factors. */
  static void expDiff(float[] a, float[] b, float[] out, int n) {
    for (int i = 0; i < n; i += L) {
      exp(FloatVector.fromArray(F, a, i).sub(FloatVector.fromArray(F, b, i))).intoArray(out, i);
    }
  }

  /** sum of a[aOff + c] * b[bOff + c] for c < n. */
  static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    FloatVector acc = FloatVector.zero(F);
    int c = 0;
    for (; c < F.loopBound(n); c += L) {
      acc = FloatVector.fromArray(F, a, aOff + c).fma(FloatVector.fromArray(F, b, bOff + c), acc);
    }
    float sum = Lanes.sum(acc);
    for (; c < n; c++) sum += a[aOff + c] * b[bOff + c];
    return sum;
  }

  /** c[off + i] *= f for i < n (n a multiple of L). */
  static void scale(float[] c, int off, int n, float f) {
    for (int i = 0; i < n; i += L) FloatVector.fromArray(F, c, off + i).mul(f).intoArray(c, off + i);
  }

  // ---- packing: heads in and out of the tile layouts ----

  /** dst[dstOff + d] = f * src[srcOff + d] for d < n: one row into or out of a packed layout. */
  static void scaledCopy(float[] src, int srcOff, float[] dst, int dstOff, int n, float f) {
    int d = 0;
    for (; d < F.loopBound(n); d += L) {
      FloatVector.fromArray(F, src, srcOff + d).mul(f).intoArray(dst, dstOff + d);
    }
    for (; d < n; d++) dst[dstOff + d] = f * src[srcOff + d];
  }

  /** out[t * Dp + d] = f * x[b, h, t, d] for t < T, d < D: a head as feature rows (padding untouched). */
  static void rows(AttnView x, int b, int h, int T, int D, int Dp, float f, float[] out) {
    for (int t = 0; t < T; t++) scaledCopy(x.data(), x.at(b, h, t), out, t * Dp, D, f);
  }

  /**
   * A head transposed into blocks of {@code width} positions: x[b, h, t, d] goes to
   * {@code out[(t / width) * D * width + d * width + t % width]} (padding untouched). With
   * width = BC these are the key blocks of {@link #scores}; with one block, K^T itself.
   */
  static void transposed(AttnView x, int b, int h, int T, int D, int width, float[] out) {
    for (int t0 = 0; t0 < T; t0 += width) {
      int n = Math.min(width, T - t0), base = (t0 / width) * D * width;
      for (int d = 0; d < D; d++) {
        // Reads stride down a column of x; writes run contiguously along a row of the block.
        for (int c = 0, xi = x.at(b, h, t0) + d, o = base + d * width; c < n; c++, xi += x.strideT()) {
          out[o + c] = x.data()[xi];
        }
      }
    }
  }

  // ---- exp ----

  private static final float LOG2E = (float) (1 / Math.log(2));
  /** ln 2 = LN2_HI + LN2_LO with LN2_HI = 355/512 exact in 9 bits, so k * LN2_HI is exact. */
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = (float) (Math.log(2) - 0.693359375);
  /** 1.5 * 2^23: adding it rounds a float of magnitude < 2^22 to an integer (in the low bits). */
  private static final float ROUNDER = 12582912f;
  private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);

  /**
   * e^x lane by lane, relative error about 1e-7 (one float ulp): x = k ln2 + r with k an integer
   * and |r| <= ln2 / 2, e^r by its Taylor series to r^7 (remainder < 3e-9), and 2^k written
   * straight into the exponent bits. Inputs are clamped to [-87, 88] so 2^k stays a normal float:
   * e^-inf gives about 1e-38, not 0, so callers zero masked entries themselves. Written here
   * rather than {@code lanewise(EXP)} so that speed does not depend on a platform math library.
   */
  static FloatVector exp(FloatVector x) {
    x = x.max(-87f).min(88f);
    FloatVector t = x.fma(FloatVector.broadcast(F, LOG2E), FloatVector.broadcast(F, ROUNDER));
    FloatVector k = t.sub(ROUNDER);
    FloatVector r = k.fma(FloatVector.broadcast(F, -LN2_HI), x);
    r = k.fma(FloatVector.broadcast(F, -LN2_LO), r);
    // Horner: 1 + r (1 + r (1/2 + r (1/6 + r (1/24 + r (1/120 + r (1/720 + r / 5040))))))
    FloatVector poly = FloatVector.broadcast(F, 1f / 5040);
    poly = poly.fma(r, FloatVector.broadcast(F, 1f / 720));
    poly = poly.fma(r, FloatVector.broadcast(F, 1f / 120));
    poly = poly.fma(r, FloatVector.broadcast(F, 1f / 24));
    poly = poly.fma(r, FloatVector.broadcast(F, 1f / 6));
    poly = poly.fma(r, FloatVector.broadcast(F, 0.5f));
    poly = poly.fma(r, FloatVector.broadcast(F, 1f));
    poly = poly.fma(r, FloatVector.broadcast(F, 1f));
    IntVector biasedK = t.reinterpretAsInts().sub(ROUNDER_BITS - 127);
    FloatVector twoK = biasedK.lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    return poly.mul(twoK);
  }
}
