package cs336.autograd.ops.index;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.DType;
import cs336.engine.NDArray;
import cs336.engine.Shapes;

/**
 * torch.gather: out[i..., j, k...] = x[i..., index[i..., j, k...], k...] along {@code dim}. Each
 * output position copies one input element, so backward scatter-adds the gradient to it.
 */
public final class Gather extends Op {
  private NDArray index;
  private int[] inShape;
  private int dim;

  public static Tensor apply(Tensor x, int dim, Tensor index) {
    if (index.dtype() != DType.INT64) throw new IllegalArgumentException("gather index must be int64");
    if (index.rank() != x.rank()) {
      throw new IllegalArgumentException("gather index rank " + index.rank() + " differs from input rank " + x.rank());
    }
    Gather op = new Gather();
    op.index = index.data();
    op.inShape = x.shape();
    op.dim = Shapes.dim(dim, x.rank());
    NDArray out = x.data().newZeros(index.shape());
    x.data().kernels().gather(x.data(), op.dim, index.data(), out);
    return op.output(out, x, null);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    NDArray dx = g.newZeros(inShape);
    g.kernels().scatterAdd(dx, dim, index, g);
    return new NDArray[] {dx, null};
  }

  @Override
  protected void release() {
    index = null;
  }
}
