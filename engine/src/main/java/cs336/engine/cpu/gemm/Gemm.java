package cs336.engine.cpu.gemm;

/**
 * Single-precision matrix multiply on float arrays, the CPU engine's only entry point for GEMM.
 *
 * <p>Operands are strided matrices: element {@code (i, j)} of X lives at
 * {@code x[xOff + i * xRowStride + j * xColStride]}, so a transposed operand is the same array
 * with its two strides swapped and never needs a copy.
 *
 * <p>Contract (shared by every implementation, checked against {@link GemmReference}):
 * <pre>
 *   C[i, j] = (accumulate ? C[i, j] : 0) + sum_p A[i, p] * B[p, j]     i < m, j < n, p < k
 * </pre>
 * {@code c} is overwritten (or accumulated into when {@code accumulate}); {@code a} and {@code b}
 * are read and must not overlap {@code c}. Sizes may be 0. Results are deterministic: the same
 * inputs give the same bits on every run at a given {@link cs336.engine.Parallel#threads()}.
 *
 * <p>This first version delegates to the reference; the packed, cache-blocked, register-tiled
 * Vector API kernel replaces the body of these methods.
 */
public final class Gemm {
  private Gemm() {}

  /** C = A B (or C += A B). See the class comment for the layout. */
  public static void sgemm(int m, int n, int k,
      float[] a, int aOff, int aRowStride, int aColStride,
      float[] b, int bOff, int bRowStride, int bColStride,
      float[] c, int cOff, int cRowStride, boolean accumulate) {
    GemmReference.sgemm(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride,
        c, cOff, cRowStride, accumulate);
  }

  /**
   * {@code batch} independent products: product {@code t} uses the operands at
   * {@code aOff + t * aBatchStride}, {@code bOff + t * bBatchStride}, {@code cOff + t * cBatchStride}.
   * A batch stride of 0 broadcasts that operand over the batch (C's must not be 0 when batch > 1).
   */
  public static void sgemmBatched(int batch, int m, int n, int k,
      float[] a, int aOff, int aBatchStride, int aRowStride, int aColStride,
      float[] b, int bOff, int bBatchStride, int bRowStride, int bColStride,
      float[] c, int cOff, int cBatchStride, int cRowStride, boolean accumulate) {
    for (int t = 0; t < batch; t++) {
      sgemm(m, n, k, a, aOff + t * aBatchStride, aRowStride, aColStride,
          b, bOff + t * bBatchStride, bRowStride, bColStride,
          c, cOff + t * cBatchStride, cRowStride, accumulate);
    }
  }
}
