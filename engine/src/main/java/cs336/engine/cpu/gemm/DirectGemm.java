package cs336.engine.cpu.gemm;

/**
 * GEMM for tiny products, where packing panels would cost more than the arithmetic: one fused
 * multiply-add chain per output in increasing {@code p}, the same order (and so the same bits) as
 * the blocked path's micro-kernels. Four outputs of a row are computed side by side so that four
 * independent chains hide the FMA latency.
 */
final class DirectGemm {
  private DirectGemm() {}

  /**
   * {@code C = A B} or {@code C += A B}.
   *
   * @param a read, {@code m x k}
   * @param b read, {@code k x n}
   * @param c overwritten or accumulated, {@code m x n}, column stride 1
   */
  static void multiply(int m, int n, int k, MatrixView a, MatrixView b, MatrixView c,
      boolean accumulate) {
    float[] ad = a.data();
    float[] bd = b.data();
    float[] cd = c.data();
    int acs = a.colStride();
    int brs = b.rowStride();
    int bcs = b.colStride();
    for (int i = 0; i < m; i++) {
      int ai = a.index(i, 0);
      int ci = c.index(i, 0);
      int j = 0;
      for (; j + 4 <= n; j += 4) {
        float s0 = accumulate ? cd[ci + j] : 0f;
        float s1 = accumulate ? cd[ci + j + 1] : 0f;
        float s2 = accumulate ? cd[ci + j + 2] : 0f;
        float s3 = accumulate ? cd[ci + j + 3] : 0f;
        int bi = b.index(0, j);
        for (int p = 0; p < k; p++) {
          float x = ad[ai + p * acs];
          int bp = bi + p * brs;
          s0 = Math.fma(x, bd[bp], s0);
          s1 = Math.fma(x, bd[bp + bcs], s1);
          s2 = Math.fma(x, bd[bp + 2 * bcs], s2);
          s3 = Math.fma(x, bd[bp + 3 * bcs], s3);
        }
        cd[ci + j] = s0;
        cd[ci + j + 1] = s1;
        cd[ci + j + 2] = s2;
        cd[ci + j + 3] = s3;
      }
      for (; j < n; j++) {
        float s = accumulate ? cd[ci + j] : 0f;
        int bi = b.index(0, j);
        for (int p = 0; p < k; p++) {
          s = Math.fma(ad[ai + p * acs], bd[bi + p * brs], s);
        }
        cd[ci + j] = s;
      }
    }
  }
}
