package cs336.engine.cpu.gemm;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/**
 * Test operands for GEMM: random matrices laid out inside larger arrays in a chosen {@link Layout}
 * (so offsets and strides are never the trivial ones), and the comparison against
 * {@link GemmReference} with a tolerance that grows with k.
 */
final class GemmCase {
  private GemmCase() {}

  /** How a matrix sits in its array. */
  enum Layout {
    /** Row-major with padding between rows and an offset. */
    ROWS,
    /** Column-major (the transpose of a row-major array) with padding and an offset. */
    COLS,
    /** Neither stride is 1: every other element of every other row. */
    SPARSE,
    /** Both strides negative (a matrix flipped in both directions), row-major underneath. */
    REVERSED;

    /** A random {@code rows x cols} matrix in this layout, with garbage in the gaps. */
    MatrixView random(int rows, int cols, Random rnd) {
      int off = 3;
      int rs;
      int cs;
      switch (this) {
        case ROWS -> {
          rs = cols + 2;
          cs = 1;
        }
        case COLS -> {
          rs = 1;
          cs = rows + 1;
        }
        case SPARSE -> {
          cs = 2;
          rs = 2 * cols + 3;
        }
        default -> {
          cs = -1;
          rs = -(cols + 2);
        }
      }
      int span = Math.max(0, rows - 1) * Math.abs(rs) + Math.max(0, cols - 1) * Math.abs(cs);
      if (rs < 0) {
        off += span; // element (0, 0) is the last one in memory
      }
      int size = off + (rs < 0 ? 0 : span) + 5;
      float[] data = new float[size];
      for (int i = 0; i < size; i++) {
        data[i] = rnd.nextFloat() * 2f - 1f;
      }
      return new MatrixView(data, off, rs, cs);
    }
  }

  /** A random {@code rows x cols} C with column stride 1, row padding and an offset. */
  static MatrixView randomC(int rows, int cols, Random rnd) {
    return Layout.ROWS.random(rows, cols, rnd);
  }

  static MatrixView copy(MatrixView x) {
    return new MatrixView(x.data().clone(), x.off(), x.rowStride(), x.colStride());
  }

  /** C = A B (+ C) by the triple loop, into a copy of {@code c}. */
  static MatrixView reference(int m, int n, int k, MatrixView a, MatrixView b, MatrixView c,
      boolean accumulate) {
    MatrixView out = copy(c);
    GemmReference.sgemm(m, n, k, a.data(), a.off(), a.rowStride(), a.colStride(),
        b.data(), b.off(), b.rowStride(), b.colStride(), out.data(), out.off(), out.rowStride(),
        accumulate);
    return out;
  }

  /**
   * Checks {@code got} against {@code want} on the {@code m x n} output: the two sum the same
   * products in different orders (and with or without fused multiply-adds), so each may be off by
   * about {@code k} roundings of the magnitude {@code sum_p |A[i,p] B[p,j]| (+|C0|)}; the tolerance is
   * an absolute floor plus twice that. Elements outside the matrix (the gaps) must be untouched.
   */
  static void assertClose(String what, int m, int n, int k, MatrixView a, MatrixView b,
      MatrixView c0, MatrixView got, MatrixView want) {
    float[] g = got.data();
    float[] w = want.data();
    double worst = 0;
    int wi = -1;
    int wj = -1;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double mag = Math.abs(c0.data()[c0.index(i, j)]);
        for (int p = 0; p < k; p++) {
          mag += Math.abs((double) a.data()[a.index(i, p)] * b.data()[b.index(p, j)]);
        }
        double tol = 1e-6 + 2.0 * (k + 1) * 0x1p-24 * mag;
        double err = Math.abs((double) g[got.index(i, j)] - w[want.index(i, j)]);
        if (!(err <= tol) && (wi < 0 || err / tol > worst)) {
          worst = err / tol;
          wi = i;
          wj = j;
        }
      }
    }
    if (wi >= 0) {
      fail(String.format("%s: m=%d n=%d k=%d, worst C[%d, %d]: got %s want %s (%.1fx tolerance)%n"
          + "  first values got  %s%n  first values want %s", what, m, n, k, wi, wj,
          g[got.index(wi, wj)], w[want.index(wi, wj)], worst, head(got, m, n), head(want, m, n)));
    }
    // The gaps between C's rows are not part of C and must keep their values.
    for (int idx = 0; idx < g.length; idx++) {
      if (Float.floatToRawIntBits(g[idx]) != Float.floatToRawIntBits(w[idx])
          && !inside(got, m, n, idx)) {
        fail(what + ": wrote outside C at array index " + idx + " (m=" + m + " n=" + n + ")");
      }
    }
  }

  private static boolean inside(MatrixView c, int m, int n, int idx) {
    int rel = idx - c.off();
    if (rel < 0) {
      return false;
    }
    int i = rel / c.rowStride();
    int j = rel % c.rowStride();
    return i < m && j < n;
  }

  private static String head(MatrixView c, int m, int n) {
    StringBuilder sb = new StringBuilder("[");
    int shown = 0;
    for (int i = 0; i < m && shown < 6; i++) {
      for (int j = 0; j < n && shown < 6; j++, shown++) {
        sb.append(shown > 0 ? ", " : "").append(c.data()[c.index(i, j)]);
      }
    }
    return sb.append(shown < (long) m * n ? ", ...]" : "]").toString();
  }
}
