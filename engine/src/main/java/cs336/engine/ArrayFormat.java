package cs336.engine;

import java.util.Locale;

/**
 * NumPy-like text for arrays: {@code [[1.0000 2.0000]\n [3.0000 4.0000]]}. Floats share one
 * format chosen from the largest and smallest magnitudes (fixed with 4 decimals, or scientific
 * when values are huge or tiny); columns are right-aligned; a dimension longer than
 * {@link #EDGE_ITEMS}*2 is shown as its first and last {@link #EDGE_ITEMS} entries around "..."
 * once the array holds more than {@link #THRESHOLD} elements.
 */
final class ArrayFormat {
  static final int THRESHOLD = 1000;
  static final int EDGE_ITEMS = 3;

  private ArrayFormat() {}

  static String format(NDArray a) {
    NDArray c = a.contiguous();
    boolean summarize = c.numel() > THRESHOLD;
    String[] cells = cells(c);
    int width = 0;
    for (String s : cells) width = Math.max(width, s.length());
    StringBuilder sb = new StringBuilder();
    if (c.rank() == 0) return cells[0];
    appendDim(sb, c.shape(), 0, 0, cells, width, summarize);
    return sb.toString();
  }

  private static String[] cells(NDArray c) {
    int n = c.numel();
    String[] out = new String[n];
    if (c.dtype() == DType.INT64) {
      long[] v = c.toLongArray();
      for (int i = 0; i < n; i++) out[i] = Long.toString(v[i]);
      return out;
    }
    float[] v = c.toFloatArray();
    double maxAbs = 0, minAbs = Double.POSITIVE_INFINITY;
    for (float x : v) {
      if (!Float.isFinite(x)) continue;
      double ax = Math.abs(x);
      maxAbs = Math.max(maxAbs, ax);
      if (ax > 0) minAbs = Math.min(minAbs, ax);
    }
    boolean sci = maxAbs >= 1e8 || (minAbs < 1e-4 && minAbs < maxAbs * 1e-3) || (maxAbs > 0 && maxAbs < 1e-4);
    for (int i = 0; i < n; i++) {
      float x = v[i];
      if (Float.isNaN(x)) out[i] = "nan";
      else if (Float.isInfinite(x)) out[i] = x > 0 ? "inf" : "-inf";
      else out[i] = String.format(Locale.ROOT, sci ? "%.4e" : "%.4f", x);
    }
    return out;
  }

  /** Appends dimension {@code d} starting at flat element {@code base}. */
  private static void appendDim(StringBuilder sb, int[] shape, int d, int base, String[] cells, int width,
      boolean summarize) {
    int inner = 1;
    for (int i = d + 1; i < shape.length; i++) inner *= shape[i];
    sb.append('[');
    int n = shape[d];
    boolean cut = summarize && n > 2 * EDGE_ITEMS;
    for (int i = 0; i < n; i++) {
      if (cut && i == EDGE_ITEMS) {
        sb.append("...");
        separator(sb, shape.length, d);
        i = n - EDGE_ITEMS;
      }
      if (d == shape.length - 1) {
        String s = cells[base + i];
        sb.append(" ".repeat(width - s.length())).append(s);
      } else {
        appendDim(sb, shape, d + 1, base + i * inner, cells, width, summarize);
      }
      if (i < n - 1) separator(sb, shape.length, d);
    }
    sb.append(']');
  }

  private static void separator(StringBuilder sb, int rank, int d) {
    if (d == rank - 1) {
      sb.append(' ');
    } else {
      sb.append("\n".repeat(rank - 1 - d)).append(" ".repeat(d + 1));
    }
  }
}
