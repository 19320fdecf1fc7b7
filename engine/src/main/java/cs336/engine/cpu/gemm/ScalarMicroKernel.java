package cs336.engine.cpu.gemm;

/**
 * The scalar micro-kernel, used when the Vector API is unavailable: a 4 x 8 tile of C accumulated
 * with {@link Math#fma} in the same order as {@link SimdMicroKernel}, so both give the same bits.
 * The tile lives in a small array; C2 keeps the hot loop in registers as far as it can.
 */
final class ScalarMicroKernel extends MicroKernel {
  static final int MR = 4;
  static final int NR = 8;

  ScalarMicroKernel() {
    super(MR, NR);
  }

  @Override
  void run(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff,
      int ldc, boolean addToC) {
    float[] acc = new float[MR * NR];
    if (addToC) {
      for (int r = 0; r < MR; r++) {
        System.arraycopy(c, cOff + r * ldc, acc, r * NR, NR);
      }
    }
    for (int p = 0; p < kc; p++) {
      int ai = apOff + p * MR;
      int bi = bpOff + p * NR;
      for (int r = 0; r < MR; r++) {
        float a = ap[ai + r];
        for (int j = 0; j < NR; j++) {
          acc[r * NR + j] = Math.fma(a, bp[bi + j], acc[r * NR + j]);
        }
      }
    }
    for (int r = 0; r < MR; r++) {
      System.arraycopy(acc, r * NR, c, cOff + r * ldc, NR);
    }
  }
}
