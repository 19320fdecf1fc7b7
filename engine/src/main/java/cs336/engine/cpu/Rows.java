package cs336.engine.cpu;

import cs336.engine.NDArray;
import cs336.engine.Parallel;

/**
 * Rows along one dimension of several same-shape arrays: softmax, argmax and the like work on
 * each such row. Row {@code r} of array {@code k} starts at {@code bases[k]} and steps by
 * {@code arrays[k].stride(dim)}. Rows are visited in C order of the other dimensions and split over
 * the {@link Parallel} pool; each row is processed by exactly one thread.
 */
public final class Rows {
  private Rows() {}

  /** Processes one row; {@code bases} is reused between calls. */
  @FunctionalInterface
  public interface Body {
    void run(int[] bases);
  }

  /**
   * Runs {@code body} once per row along {@code dim} of {@code arrays} (all the same shape), in
   * parallel chunks of about {@code minElements} elements. Does nothing when the rows are empty.
   */
  public static void forEach(int dim, int minElements, Body body, NDArray... arrays) {
    int length = arrays[0].shape(dim);
    if (length == 0) return;
    NDArray[] firsts = new NDArray[arrays.length];
    for (int k = 0; k < arrays.length; k++) firsts[k] = arrays[k].narrow(dim, 0, 1);
    Loop loop = Loop.over(firsts);
    int ops = arrays.length;
    int[] inner = new int[ops];
    for (int k = 0; k < ops; k++) inner[k] = loop.innerStride(k);
    loop.forAll(Math.max(1, minElements / length), (o, n) -> {
      int[] bases = new int[ops];
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < ops; k++) bases[k] = o[k] + i * inner[k];
        body.run(bases);
      }
    });
  }

  /** Throws unless {@code a} is contiguous (fused kernels read rows as plain blocks). */
  public static void requireContiguous(String what, NDArray a) {
    if (!a.isContiguous()) {
      throw new IllegalArgumentException(what + " must be contiguous (shape " + cs336.engine.Shapes.str(a.shape())
          + ", strides " + cs336.engine.Shapes.str(a.strides()) + "); call contiguous() first");
    }
  }
}
