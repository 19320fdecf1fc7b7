package cs336.engine.cpu.gemm;

import java.util.Arrays;

/**
 * Copies blocks of A and B into the contiguous panel layouts the {@link MicroKernel} streams
 * through. Packing is where strides are handled: a transposed operand differs from a plain one only
 * in which loop below runs innermost, so A^T and B^T cost nothing beyond this copy. Partial panels
 * are padded with zeros, which lets edge tiles run the same micro-kernel.
 */
final class Packing {
  private Packing() {}

  /**
   * Packs the {@code mc x kc} block of A whose element (0, 0) is {@code a}'s (0, 0) into
   * {@code ceil(mc / mr)} panels of {@code kc * mr} floats: panel {@code t}, step {@code p}, holds
   * {@code A[t * mr + r, p]} for {@code r < mr} (0 past row {@code mc}).
   *
   * @param dst overwritten from index 0
   */
  static void packA(MatrixView a, int mc, int kc, int mr, float[] dst) {
    float[] src = a.data();
    int rs = a.rowStride();
    int cs = a.colStride();
    // Read along whichever direction is contiguous in memory (row-major A: along p; A^T: along r).
    boolean alongK = Math.abs(cs) <= Math.abs(rs);
    for (int i = 0, base = 0; i < mc; i += mr, base += kc * mr) {
      int rows = Math.min(mr, mc - i);
      if (rows < mr) {
        Arrays.fill(dst, base, base + kc * mr, 0f);
      }
      if (alongK) {
        for (int r = 0; r < rows; r++) {
          int s = a.index(i + r, 0);
          for (int p = 0; p < kc; p++) {
            dst[base + p * mr + r] = src[s + p * cs];
          }
        }
      } else {
        for (int p = 0; p < kc; p++) {
          int s = a.index(i, p);
          int d = base + p * mr;
          for (int r = 0; r < rows; r++) {
            dst[d + r] = src[s + r * rs];
          }
        }
      }
    }
  }

  /**
   * Packs the {@code kc x nc} block of B whose element (0, 0) is {@code b}'s (0, 0) into
   * {@code ceil(nc / nr)} panels of {@code kc * nr} floats: panel {@code t}, step {@code p}, holds
   * {@code B[p, t * nr + j]} for {@code j < nr} (0 past column {@code nc}). Only panels
   * {@code [panelFrom, panelTo)} are written, so threads can pack disjoint parts of one block.
   *
   * @param dst overwritten in the panels' range
   */
  static void packB(MatrixView b, int kc, int nc, int nr, int panelFrom, int panelTo, float[] dst) {
    float[] src = b.data();
    int rs = b.rowStride();
    int cs = b.colStride();
    boolean alongN = Math.abs(cs) <= Math.abs(rs);
    for (int t = panelFrom; t < panelTo; t++) {
      int j = t * nr;
      int base = t * kc * nr;
      int cols = Math.min(nr, nc - j);
      if (cols < nr) {
        Arrays.fill(dst, base, base + kc * nr, 0f);
      }
      if (alongN && cs == 1) {
        // The common case, row-major B: each step is one contiguous run of a row.
        for (int p = 0; p < kc; p++) {
          System.arraycopy(src, b.index(p, j), dst, base + p * nr, cols);
        }
      } else if (alongN) {
        for (int p = 0; p < kc; p++) {
          int s = b.index(p, j);
          int d = base + p * nr;
          for (int jj = 0; jj < cols; jj++) {
            dst[d + jj] = src[s + jj * cs];
          }
        }
      } else {
        // B^T (columns contiguous): walk down each column, scattering into the panel.
        for (int jj = 0; jj < cols; jj++) {
          int s = b.index(0, j + jj);
          for (int p = 0; p < kc; p++) {
            dst[base + p * nr + jj] = src[s + p * rs];
          }
        }
      }
    }
  }
}
