package cs336.engine;

import java.util.Arrays;

/** Shape and stride arithmetic shared by arrays, kernels and autograd. All methods are pure. */
public final class Shapes {
  private Shapes() {}

  /** Number of elements of {@code shape}; throws when it exceeds what one storage can index. */
  public static int numel(int... shape) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + str(shape));
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("shape " + str(shape) + " has more than 2^31-1 elements");
      }
    }
    return (int) n;
  }

  /** Row-major (C order) strides of a contiguous array of this shape. */
  public static int[] contiguousStrides(int... shape) {
    int[] strides = new int[shape.length];
    int s = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      strides[d] = s;
      s *= Math.max(shape[d], 1);
    }
    return strides;
  }

  /** Maps a possibly negative dimension ({@code -1} = last) into {@code [0, rank)}. */
  public static int dim(int dim, int rank) {
    int d = dim < 0 ? dim + rank : dim;
    if (d < 0 || d >= rank) {
      throw new IllegalArgumentException("dimension " + dim + " out of range for rank " + rank);
    }
    return d;
  }

  /** "[2, 3]". */
  public static String str(int... shape) {
    return Arrays.toString(shape);
  }

  /**
   * The NumPy broadcast of two shapes: aligned at the right, each pair of sizes equal or one of
   * them 1.
   */
  public static int[] broadcast(int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
      int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException("shapes " + str(a) + " and " + str(b) + " do not broadcast (dimension "
            + i + ": " + da + " vs " + db + ")");
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  /** True when {@code from} broadcasts to exactly {@code to}. */
  public static boolean broadcastsTo(int[] from, int[] to) {
    if (from.length > to.length) return false;
    for (int i = 0; i < from.length; i++) {
      int f = from[i], t = to[i + to.length - from.length];
      if (f != t && f != 1) return false;
    }
    return true;
  }

  /** Replaces a single {@code -1} in {@code shape} so that it holds {@code numel} elements. */
  public static int[] infer(int[] shape, int numel) {
    int[] out = shape.clone();
    int unknown = -1;
    long known = 1;
    for (int i = 0; i < out.length; i++) {
      if (out[i] == -1) {
        if (unknown >= 0) throw new IllegalArgumentException("only one dimension may be -1 in " + str(shape));
        unknown = i;
      } else if (out[i] < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + str(shape));
      } else {
        known *= out[i];
      }
    }
    if (unknown >= 0) {
      if (known == 0 || numel % known != 0) {
        throw new IllegalArgumentException("cannot infer -1 in " + str(shape) + " for " + numel + " elements");
      }
      out[unknown] = (int) (numel / known);
    } else if (known != numel) {
      throw new IllegalArgumentException("shape " + str(shape) + " holds " + known + " elements, not " + numel);
    }
    return out;
  }

  /**
   * Strides that let an array of {@code oldShape}/{@code oldStrides} be seen as {@code newShape}
   * without copying, or null when no such strides exist.
   *
   * <p>Why it works: the old dimensions fall into runs ("chunks") that are laid out like one
   * contiguous block (stride[i] == stride[i+1] * shape[i+1]). A view may split or merge dimensions
   * inside a chunk but never across chunk boundaries, so we walk both shapes from the right,
   * matching element counts chunk by chunk.
   */
  public static int[] viewStrides(int[] oldShape, int[] oldStrides, int[] newShape) {
    int[] newStrides = new int[newShape.length];
    if (oldShape.length == 0 || numel(oldShape) == 0) return contiguousStrides(newShape);
    int viewD = newShape.length - 1;
    long chunkBase = oldStrides[oldShape.length - 1];
    long tensorNumel = 1, viewNumel = 1;
    for (int d = oldShape.length - 1; d >= 0; d--) {
      tensorNumel *= oldShape[d];
      boolean chunkEnds = d == 0
          || (oldShape[d - 1] != 1 && oldStrides[d - 1] != tensorNumel * chunkBase);
      if (chunkEnds) {
        while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
          newStrides[viewD] = (int) (viewNumel * chunkBase);
          viewNumel *= newShape[viewD];
          viewD--;
        }
        if (viewNumel != tensorNumel) return null;
        if (d > 0) {
          chunkBase = oldStrides[d - 1];
          tensorNumel = 1;
          viewNumel = 1;
        }
      }
    }
    return viewD == -1 ? newStrides : null;
  }
}
