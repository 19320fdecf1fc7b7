package cs336.engine.cuda;

import cs336.engine.NDArray;
import cs336.engine.Shapes;
import java.util.Arrays;

/**
 * The C struct {@code Strided} of common.cuh: a loop over the elements of up to {@link #MAX_OPS}
 * same-shape arrays, as a shape and per-operand strides (in elements). Before packing, dimensions are
 * coalesced as the CPU's {@code Loop} does (size-1 dimensions dropped, neighbours merged where every
 * operand is contiguous across them), so any contiguous operands become rank 1 and the kernel's index
 * arithmetic is one multiply.
 *
 * <pre>struct Strided { int rank; int n; int shape[8]; int stride[5][8]; };   // 200 bytes, align 4</pre>
 */
final class Strided {
  static final int MAX_RANK = 8;
  static final int MAX_OPS = 5;
  /** sizeof(Strided). */
  static final int BYTES = 4 * (2 + MAX_RANK + MAX_OPS * MAX_RANK);

  private final int[] shape;
  private final int[][] strides;
  private final int n;

  private Strided(int[] shape, int[][] strides) {
    this.shape = shape;
    this.strides = strides;
    this.n = Shapes.numel(shape);
  }

  /** A loop over every element of {@code arrays} (all the same shape), operands in this order. */
  static Strided over(NDArray... arrays) {
    int[] shape = arrays[0].shape();
    int[][] st = new int[arrays.length][];
    for (int k = 0; k < arrays.length; k++) {
      if (!Arrays.equals(shape, arrays[k].shape())) {
        throw new IllegalArgumentException("operands differ in shape: " + Shapes.str(shape) + " vs "
            + Shapes.str(arrays[k].shape()));
      }
      st[k] = arrays[k].strides();
    }
    return of(shape, st);
  }

  /** A loop over {@code shape} with explicit strides per operand. */
  static Strided of(int[] shape, int[]... strides) {
    if (strides.length > MAX_OPS) throw new IllegalArgumentException("at most " + MAX_OPS + " operands");
    int ops = strides.length;
    int[] s = new int[shape.length];
    int[][] st = new int[ops][shape.length];
    int r = 0;
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] == 1) continue;
      if (r > 0 && shape[d] != 0 && mergeable(st, r - 1, strides, d, shape[d])) {
        for (int k = 0; k < ops; k++) st[k][r - 1] = strides[k][d];
        s[r - 1] *= shape[d];
        continue;
      }
      s[r] = shape[d];
      for (int k = 0; k < ops; k++) st[k][r] = strides[k][d];
      r++;
    }
    if (r == 0) {                                   // a scalar or all-ones shape: one element
      return new Strided(new int[] {Shapes.numel(shape)}, new int[ops][1]);
    }
    if (r > MAX_RANK) {
      throw new IllegalArgumentException("the CUDA kernels take at most " + MAX_RANK
          + " dimensions after merging contiguous ones; shape " + Shapes.str(shape) + " needs " + r);
    }
    int[][] cst = new int[ops][];
    for (int k = 0; k < ops; k++) cst[k] = Arrays.copyOf(st[k], r);
    return new Strided(Arrays.copyOf(s, r), cst);
  }

  /** Dimensions (prev, d) merge when every operand steps over prev exactly as far as over all of d. */
  private static boolean mergeable(int[][] st, int prev, int[][] strides, int d, int size) {
    for (int k = 0; k < st.length; k++) {
      if (st[k][prev] != strides[k][d] * size) return false;
    }
    return true;
  }

  /** An empty loop (n = 0): used where a kernel takes the struct but has nothing to iterate. */
  static Strided none() {
    return new Strided(new int[] {0}, new int[0][]);
  }

  /** Number of elements. */
  int n() {
    return n;
  }

  int rank() {
    return shape.length;
  }

  int[] shape() {
    return shape.clone();
  }

  int[] strides(int operand) {
    return strides[operand].clone();
  }

  /** The struct's bytes. */
  CStruct pack() {
    CStruct c = new CStruct(BYTES);
    c.i32(shape.length).i32(n);
    for (int d = 0; d < MAX_RANK; d++) c.i32(d < shape.length ? shape[d] : 1);
    for (int k = 0; k < MAX_OPS; k++) {
      for (int d = 0; d < MAX_RANK; d++) c.i32(k < strides.length && d < shape.length ? strides[k][d] : 0);
    }
    return c;
  }
}
