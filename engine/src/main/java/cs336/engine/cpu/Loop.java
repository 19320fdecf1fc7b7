package cs336.engine.cpu;

import cs336.engine.NDArray;
import cs336.engine.Shapes;
import java.util.Arrays;

/**
 * A loop over every element of several same-shape strided arrays, in C order, without recursion.
 *
 * <p>The work is cut into <em>segments</em>: runs along the innermost dimension where each array
 * advances by a fixed stride ({@link #innerStride}). A kernel's inner loop processes one segment,
 * so the per-element cost is an indexed load and store, and a SIMD kernel can test once whether a
 * segment is unit-stride. Dimensions are first coalesced (size-1 dimensions dropped, neighbours
 * merged where every array is contiguous across them), so a contiguous array of any shape is one
 * segment.
 */
public final class Loop {
  private final int[] shape;      // coalesced, innermost last; rank >= 1
  private final int[][] strides;  // [operand][dim]
  private final int[] base;       // [operand]
  private final int size;

  /** The body of a loop: processes {@code length} elements starting at {@code offsets[operand]}. */
  @FunctionalInterface
  public interface Segment {
    /** {@code offsets} is reused between calls: read it, do not keep it. */
    void run(int[] offsets, int length);
  }

  private Loop(int[] shape, int[][] strides, int[] base) {
    this.shape = shape;
    this.strides = strides;
    this.base = base;
    this.size = Shapes.numel(shape);
  }

  /** A loop over {@code arrays}, which must all have the same shape. */
  public static Loop over(NDArray... arrays) {
    int[] shape = arrays[0].shape();
    for (NDArray a : arrays) {
      if (!Arrays.equals(shape, a.shape())) {
        throw new IllegalArgumentException("loop operands differ in shape: " + Shapes.str(shape) + " vs "
            + Shapes.str(a.shape()));
      }
    }
    int[][] strides = new int[arrays.length][];
    int[] base = new int[arrays.length];
    for (int k = 0; k < arrays.length; k++) {
      strides[k] = arrays[k].strides();
      base[k] = arrays[k].offset();
    }
    return coalesced(shape, strides, base);
  }

  /** A loop over a shape given explicit strides per operand (for sub-shapes of arrays). */
  public static Loop of(int[] shape, int[][] strides, int[] base) {
    return coalesced(shape, strides, base);
  }

  private static Loop coalesced(int[] shape, int[][] strides, int[] base) {
    int ops = strides.length;
    int[] s = new int[Math.max(shape.length, 1)];
    int[][] st = new int[ops][s.length];
    int r = 0;
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] == 1) continue;                       // size-1 dims contribute nothing
      if (r > 0 && shape[d] != 0 && mergeable(st, r - 1, strides, d, shape[d])) {
        for (int k = 0; k < ops; k++) st[k][r - 1] = strides[k][d];
        s[r - 1] *= shape[d];
        continue;
      }
      s[r] = shape[d];
      for (int k = 0; k < ops; k++) st[k][r] = strides[k][d];
      r++;
    }
    if (r == 0) {                                       // a scalar or all-ones shape
      s[0] = Shapes.numel(shape);
      r = 1;
    }
    int[] cs = Arrays.copyOf(s, r);
    int[][] cst = new int[ops][];
    for (int k = 0; k < ops; k++) cst[k] = Arrays.copyOf(st[k], r);
    return new Loop(cs, cst, base.clone());
  }

  /** Dims (prev, d) merge when every operand steps over prev exactly as far as over all of d. */
  private static boolean mergeable(int[][] st, int prev, int[][] strides, int d, int size) {
    for (int k = 0; k < st.length; k++) {
      if (st[k][prev] != strides[k][d] * size) return false;
    }
    return true;
  }

  /** Number of arrays the loop walks. */
  public int operands() {
    return base.length;
  }

  /** Number of elements. */
  public int size() {
    return size;
  }

  /** Length of the innermost (coalesced) dimension: the longest possible segment. */
  public int innerLength() {
    return shape[shape.length - 1];
  }

  /** How far operand {@code k} moves between consecutive elements of a segment. */
  public int innerStride(int k) {
    return strides[k][shape.length - 1];
  }

  /** Runs {@code body} over the elements with C-order positions {@code [start, end)}. */
  public void forSegments(int start, int end, Segment body) {
    if (start >= end) return;
    int rank = shape.length, ops = base.length;
    int[] idx = new int[rank];
    int[] off = base.clone();
    int rest = start;
    for (int d = rank - 1; d >= 0; d--) {
      idx[d] = rest % shape[d];
      rest /= shape[d];
      for (int k = 0; k < ops; k++) off[k] += idx[d] * strides[k][d];
    }
    int[] view = new int[ops];
    int last = rank - 1, pos = start;
    while (pos < end) {
      int len = Math.min(shape[last] - idx[last], end - pos);
      System.arraycopy(off, 0, view, 0, ops);
      body.run(view, len);
      pos += len;
      idx[last] += len;
      for (int k = 0; k < ops; k++) off[k] += len * strides[k][last];
      for (int d = last; d > 0 && idx[d] == shape[d]; d--) {   // carry into outer dimensions
        idx[d] = 0;
        idx[d - 1]++;
        for (int k = 0; k < ops; k++) off[k] += strides[k][d - 1] - shape[d] * strides[k][d];
      }
    }
  }

  /** Runs {@code body} over every element, split over the {@link cs336.engine.Parallel} pool by {@link Split}. */
  public void forAll(int minChunk, Segment body) {
    Split.forRange(size, minChunk, (s, e) -> forSegments(s, e, body));
  }

  /** The storage offset of every element of {@code a}, in C order. */
  public static int[] offsets(NDArray a) {
    return offsets(over(a), 0);
  }

  /** {@code base} plus operand 0's offset at every position of {@code loop}, in C order. */
  public static int[] offsets(Loop loop, int base) {
    int[] out = new int[loop.size];
    int stride = loop.innerStride(0);
    int[] n = {0};
    loop.forSegments(0, loop.size, (off, len) -> {
      for (int i = 0; i < len; i++) out[n[0]++] = base + off[0] + i * stride;
    });
    return out;
  }
}
