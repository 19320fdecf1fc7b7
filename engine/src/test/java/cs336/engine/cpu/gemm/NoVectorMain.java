package cs336.engine.cpu.gemm;

import cs336.engine.cpu.simd.Simd;
import java.util.Random;

/**
 * Run by {@link GemmFallbackTest} in a JVM started without {@code --add-modules
 * jdk.incubator.vector}: multiplies through {@link Gemm} and prints {@code ok} when the result
 * matches the reference and the scalar kernel was used.
 */
public final class NoVectorMain {
  private NoVectorMain() {}

  public static void main(String[] args) {
    int m = 37;
    int n = 29;
    int k = 300;
    Random rnd = new Random(1);
    float[] a = new float[m * k];
    float[] b = new float[k * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = rnd.nextFloat();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = rnd.nextFloat();
    }
    float[] got = new float[m * n];
    float[] want = new float[m * n];
    Gemm.sgemm(m, n, k, a, 0, k, 1, b, 0, n, 1, got, 0, n, false);
    GemmReference.sgemm(m, n, k, a, 0, k, 1, b, 0, n, 1, want, 0, n, false);
    double worst = 0;
    for (int i = 0; i < got.length; i++) {
      worst = Math.max(worst, Math.abs(got[i] - want[i]) / (1e-6 + Math.abs(want[i])));
    }
    System.out.println((Simd.available() ? "vector" : "scalar") + " worst-rel " + worst
        + (worst < 1e-4 ? " ok" : " MISMATCH"));
  }
}
