package cs336.autograd.ops.reduce;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;
import cs336.engine.ReduceOp;
import cs336.engine.Shapes;

/**
 * y = sum (or mean) of x over {@code dims}. Every input element contributes with weight 1 (or
 * 1/count), so the gradient is the output gradient spread back over the reduced dimensions.
 */
public final class Sum extends Op {
  private int[] inShape;
  private int[] keptShape;
  private float scale;

  public static Tensor apply(Tensor x, int[] dims, boolean keepdim, boolean mean) {
    Sum op = new Sum();
    op.inShape = x.shape();
    NDArray out = x.data().reduce(mean ? ReduceOp.MEAN : ReduceOp.SUM, dims, true);
    op.keptShape = out.shape();
    op.scale = mean ? (float) out.numel() / Math.max(x.numel(), 1) : 1f;
    NDArray result = keepdim ? out : squeezed(out, x.rank(), dims);
    return op.output(result, x);
  }

  private static NDArray squeezed(NDArray kept, int rank, int[] dims) {
    boolean[] drop = new boolean[rank];
    for (int d : dims) drop[Shapes.dim(d, rank)] = true;
    int n = 0;
    for (boolean b : drop) if (!b) n++;
    int[] s = new int[n];
    for (int d = 0, i = 0; d < rank; d++) if (!drop[d]) s[i++] = kept.shape(d);
    return kept.view(s);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    NDArray spread = g.reshape(keptShape).expand(inShape);     // a stride-0 view, no copy
    return new NDArray[] {scale == 1f ? spread : spread.mul(scale)};
  }
}
