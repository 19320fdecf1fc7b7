package cs336.bench.engine;

import java.util.SplittableRandom;

/**
 * A GEMM benchmark case written {@code MxKxN[:TT]}: C [M, N] = A [M, K] B [K, N], where the
 * optional layout says which operands are stored transposed ({@code TN}: A is stored as a row-major
 * [K, M] array and read through swapped strides, as in a weight gradient {@code X^T dY}).
 */
record GemmShape(int m, int k, int n, boolean transA, boolean transB) {

  static GemmShape parse(String s) {
    String[] parts = s.split(":");
    String[] d = parts[0].split("x");
    if (d.length != 3 || (parts.length == 2 && !parts[1].matches("[NT][NT]")) || parts.length > 2) {
      throw new IllegalArgumentException("GEMM shape must look like 512x512x512 or "
          + "512x8192x1344:TN (M x K x N, then which of A, B is stored transposed), got '" + s + "'");
    }
    String layout = parts.length == 2 ? parts[1] : "NN";
    return new GemmShape(Integer.parseInt(d[0]), Integer.parseInt(d[1]), Integer.parseInt(d[2]),
        layout.charAt(0) == 'T', layout.charAt(1) == 'T');
  }

  double flops() {
    return 2.0 * m * n * k;
  }

  int aRowStride() {
    return transA ? 1 : k;
  }

  int aColStride() {
    return transA ? m : 1;
  }

  int bRowStride() {
    return transB ? 1 : n;
  }

  int bColStride() {
    return transB ? k : 1;
  }

  static float[] random(int size, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) (rnd.nextDouble() * 2 - 1);
    }
    return x;
  }
}
