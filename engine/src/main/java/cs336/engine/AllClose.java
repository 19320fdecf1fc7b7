package cs336.engine;

import java.util.Arrays;
import java.util.Locale;

/**
 * Compares arrays the way {@code numpy.testing.assert_allclose} does, {@code |actual - expected| <=
 * atol + rtol * |expected|} elementwise (NaNs must match), and explains a failure: the shapes, the
 * number of mismatches, the worst index and the first values side by side. Used by every numeric
 * test and by the conformance checks.
 */
public final class AllClose {
  private AllClose() {}

  /** Throws an {@link AssertionError} describing the worst mismatch, if any. */
  public static void check(String what, NDArray expected, NDArray actual, double atol, double rtol) {
    String problem = compare(expected, actual, atol, rtol);
    if (problem != null) throw new AssertionError(what + ": " + problem);
  }

  /** Null when the arrays are close, else a description of how they differ. */
  public static String compare(NDArray expected, NDArray actual, double atol, double rtol) {
    if (!Arrays.equals(expected.shape(), actual.shape())) {
      return "shape " + Shapes.str(actual.shape()) + ", expected " + Shapes.str(expected.shape());
    }
    double[] e = values(expected), a = values(actual);
    int worst = -1, bad = 0;
    double worstExcess = 0;
    for (int i = 0; i < e.length; i++) {
      double diff = Math.abs(a[i] - e[i]), allowed = atol + rtol * Math.abs(e[i]);
      boolean ok = Double.isNaN(e[i]) ? Double.isNaN(a[i])
          : Double.isInfinite(e[i]) ? a[i] == e[i] : diff <= allowed;
      if (!ok) {
        bad++;
        double excess = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff - allowed;
        if (worst < 0 || excess > worstExcess) {
          worst = i;
          worstExcess = excess;
        }
      }
    }
    if (bad == 0) return null;
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%d of %d values differ (atol %.1e, rtol %.1e) in shape %s; worst at %s: "
        + "actual %.7g, expected %.7g%n", bad, e.length, atol, rtol, Shapes.str(expected.shape()),
        Shapes.str(unravel(worst, expected.shape())), a[worst], e[worst]));
    sb.append("  index        actual       expected\n");
    for (int i = 0; i < Math.min(8, e.length); i++) {
      sb.append(String.format(Locale.ROOT, "  %-8d %12.6g %14.6g%n", i, a[i], e[i]));
    }
    return sb.toString();
  }

  private static double[] values(NDArray x) {
    double[] out = new double[x.numel()];
    if (x.dtype() == DType.INT64) {
      long[] v = x.toLongArray();
      for (int i = 0; i < v.length; i++) out[i] = v[i];
    } else {
      float[] v = x.toFloatArray();
      for (int i = 0; i < v.length; i++) out[i] = v[i];
    }
    return out;
  }

  /** The multi-index of C-order position {@code flat} in {@code shape}. */
  public static int[] unravel(int flat, int[] shape) {
    int[] idx = new int[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      idx[d] = shape[d] == 0 ? 0 : flat % shape[d];
      flat = shape[d] == 0 ? 0 : flat / shape[d];
    }
    return idx;
  }
}
