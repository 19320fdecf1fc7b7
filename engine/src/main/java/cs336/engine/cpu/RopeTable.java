package cs336.engine.cpu;

import static cs336.engine.cpu.CpuStorage.longs;

import cs336.engine.NDArray;

/**
 * The cos/sin values RoPE needs for one call: for each pair i of a row at position p, the angle
 * p * theta^(-2i/D), computed in double and stored as float. Rows at the same position share an
 * entry (positions usually span only the context length, so the table is small); when positions
 * are spread too widely for that, each row gets its own entry. Shared by the scalar and SIMD kernels.
 */
public final class RopeTable {
  private final float[] cos;
  private final float[] sin;
  private final int[] entryOfRow;
  private final int half;

  private RopeTable(float[] cos, float[] sin, int[] entryOfRow, int half) {
    this.cos = cos;
    this.sin = sin;
    this.entryOfRow = entryOfRow;
    this.half = half;
  }

  /** The table for rows whose positions are {@code positions} (INT64, one per row, C order). */
  public static RopeTable build(NDArray positions, int D, float theta) {
    int half = D / 2, rows = positions.numel();
    long[] pv = longs(positions);
    int[] offs = Loop.offsets(positions);
    long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
    for (int off : offs) {
      min = Math.min(min, pv[off]);
      max = Math.max(max, pv[off]);
    }
    boolean byPosition = rows > 0 && max - min < Math.max(rows, 1 << 16);
    int entries = rows == 0 ? 0 : byPosition ? (int) (max - min + 1) : rows;
    int[] entryOfRow = new int[rows];
    long[] entryPos = new long[entries];
    for (int r = 0; r < rows; r++) {
      long p = pv[offs[r]];
      entryOfRow[r] = byPosition ? (int) (p - min) : r;
      entryPos[entryOfRow[r]] = p;
    }
    double[] invFreq = new double[half];
    for (int i = 0; i < half; i++) invFreq[i] = Math.pow(theta, -2.0 * i / D);
    float[] cos = new float[entries * half], sin = new float[entries * half];
    for (int e = 0; e < entries; e++) {
      for (int i = 0; i < half; i++) {
        double angle = entryPos[e] * invFreq[i];
        cos[e * half + i] = (float) Math.cos(angle);
        sin[e * half + i] = (float) Math.sin(angle);
      }
    }
    return new RopeTable(cos, sin, entryOfRow, half);
  }

  /** Index into {@link #cos()} / {@link #sin()} of row {@code r}'s first pair. */
  public int base(int row) {
    return entryOfRow[row] * half;
  }

  public float[] cos() {
    return cos;
  }

  public float[] sin() {
    return sin;
  }
}
