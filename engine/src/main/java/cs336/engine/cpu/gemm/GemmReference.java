package cs336.engine.cpu.gemm;

/**
 * The readable reference GEMM: the textbook triple loop, one dot product per output, summed in
 * float in order of {@code p}. Every fast GEMM is tested against it. Same contract as {@link Gemm}.
 */
public final class GemmReference {
  private GemmReference() {}

  public static void sgemm(int m, int n, int k,
      float[] a, int aOff, int aRowStride, int aColStride,
      float[] b, int bOff, int bRowStride, int bColStride,
      float[] c, int cOff, int cRowStride, boolean accumulate) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float sum = 0f;
        for (int p = 0; p < k; p++) {
          sum += a[aOff + i * aRowStride + p * aColStride] * b[bOff + p * bRowStride + j * bColStride];
        }
        int ci = cOff + i * cRowStride + j;
        c[ci] = accumulate ? c[ci] + sum : sum;
      }
    }
  }
}
