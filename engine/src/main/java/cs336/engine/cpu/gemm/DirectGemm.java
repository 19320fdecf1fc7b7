package cs336.engine.cpu.gemm;

/**
 * GEMM for tiny products, where packing panels would cost more than the arithmetic: one fused
 * multiply-add chain per output in increasing {@code p}, the same order (and so the same bits) as
 * the blocked path's micro-kernels.
 */
final class DirectGemm {
  private DirectGemm() {}

  /**
   * {@code C = A B} or {@code C += A B}.
   *
   * @param a read, {@code m x k}
   * @param b read, {@code k x n}
   * @param c overwritten or accumulated, {@code m x n}
   */
  static void multiply(int m, int n, int k, MatrixView a, MatrixView b, MatrixView c,
      boolean accumulate) {
    float[] ad = a.data();
    float[] bd = b.data();
    float[] cd = c.data();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        int ci = c.index(i, j);
        float sum = accumulate ? cd[ci] : 0f;
        int ai = a.index(i, 0);
        int bi = b.index(0, j);
        for (int p = 0; p < k; p++) {
          sum = Math.fma(ad[ai + p * a.colStride()], bd[bi + p * b.rowStride()], sum);
        }
        cd[ci] = sum;
      }
    }
  }
}
