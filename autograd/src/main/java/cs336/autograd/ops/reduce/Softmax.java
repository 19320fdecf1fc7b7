package cs336.autograd.ops.reduce;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;
import cs336.engine.Shapes;

/**
 * y = softmax(x) along {@code dim} (handout eq. 10, max subtracted first). With y saved, the
 * Jacobian-vector product is dx = y * (dy - sum(dy * y)) along the same dimension.
 */
public final class Softmax extends Op {
  private NDArray y;
  private int dim;

  public static Tensor apply(Tensor x, int dim) {
    Softmax op = new Softmax();
    op.dim = Shapes.dim(dim, x.rank());
    op.y = x.data().softmax(op.dim);
    return op.output(op.y, x);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    NDArray dx = y.newZeros(y.shape());
    y.kernels().softmaxBackward(y, g, dim, dx);
    return new NDArray[] {dx};
  }

  @Override
  protected void release() {
    y = null;
  }
}
