package cs336.engine.cpu.gemm;

/**
 * Argument checks for {@link Gemm}: sizes non-negative, every element an operand can touch inside
 * its array, C's rows distinct, C not overlapping A or B. A violation is one
 * {@link IllegalArgumentException} naming the operand, its layout and the problem.
 */
final class GemmArgs {
  private GemmArgs() {}

  static void check(String op, int batch, int m, int n, int k,
      float[] a, int aOff, long aBatchStride, int aRowStride, int aColStride,
      float[] b, int bOff, long bBatchStride, int bRowStride, int bColStride,
      float[] c, int cOff, long cBatchStride, int cRowStride) {
    if (batch < 0 || m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException(op + ": sizes must be >= 0, got batch=" + batch + " m=" + m
          + " n=" + n + " k=" + k);
    }
    if (a == null || b == null || c == null) {
      throw new IllegalArgumentException(op + ": null array (a=" + (a == null ? "null" : "set")
          + ", b=" + (b == null ? "null" : "set") + ", c=" + (c == null ? "null" : "set") + ")");
    }
    if (m > 1 && n > 0 && Math.abs((long) cRowStride) < n) {
      throw new IllegalArgumentException(op + ": C's rows overlap: row stride " + cRowStride
          + " is smaller than n=" + n);
    }
    if (batch > 1 && m > 0 && n > 0 && cBatchStride == 0) {
      throw new IllegalArgumentException(op + ": C's batch stride is 0 with batch=" + batch
          + " (every product would write the same C)");
    }
    long[] ra = range("A", op, a, batch, m, k, aOff, aBatchStride, aRowStride, aColStride);
    long[] rb = range("B", op, b, batch, k, n, bOff, bBatchStride, bRowStride, bColStride);
    long[] rc = range("C", op, c, batch, m, n, cOff, cBatchStride, cRowStride, 1);
    if (rc != null && ra != null && a == c && ra[0] <= rc[1] && rc[0] <= ra[1]) {
      throw new IllegalArgumentException(op + ": A and C share the array and their ranges ["
          + ra[0] + ", " + ra[1] + "] and [" + rc[0] + ", " + rc[1] + "] overlap");
    }
    if (rc != null && rb != null && b == c && rb[0] <= rc[1] && rc[0] <= rb[1]) {
      throw new IllegalArgumentException(op + ": B and C share the array and their ranges ["
          + rb[0] + ", " + rb[1] + "] and [" + rc[0] + ", " + rc[1] + "] overlap");
    }
  }

  /**
   * The lowest and highest index the operand touches (null when it touches none), after checking
   * both lie inside the array. Indices are affine in (t, i, j), so the extremes are at corners.
   */
  private static long[] range(String name, String op, float[] x, int batch, int rows, int cols,
      int off, long batchStride, int rowStride, int colStride) {
    if (batch == 0 || rows == 0 || cols == 0) {
      return null;
    }
    long lo = off;
    long hi = off;
    long[] spans = {(batch - 1) * batchStride, (rows - 1) * (long) rowStride,
        (cols - 1) * (long) colStride};
    for (long s : spans) {
      if (s < 0) {
        lo += s;
      } else {
        hi += s;
      }
    }
    if (lo < 0 || hi >= x.length) {
      throw new IllegalArgumentException(op + ": " + name + " (" + (batch > 1 ? batch + " x " : "")
          + rows + " x " + cols + ", offset " + off + ", strides " + (batch > 1 ? batchStride + ", "
          : "") + rowStride + ", " + colStride + ") reaches indices [" + lo + ", " + hi
          + "] outside its array of length " + x.length);
    }
    return new long[] {lo, hi};
  }
}
