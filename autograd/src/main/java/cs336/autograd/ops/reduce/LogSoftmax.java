package cs336.autograd.ops.reduce;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;
import cs336.engine.Shapes;

/**
 * y = log softmax(x) = x - logsumexp(x) along {@code dim}. Since exp(y) is the softmax,
 * dx = dy - exp(y) * sum(dy) along the same dimension.
 */
public final class LogSoftmax extends Op {
  private NDArray y;
  private int dim;

  public static Tensor apply(Tensor x, int dim) {
    LogSoftmax op = new LogSoftmax();
    op.dim = Shapes.dim(dim, x.rank());
    op.y = x.data().logSoftmax(op.dim);
    return op.output(op.y, x);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    NDArray dx = y.newZeros(y.shape());
    y.kernels().logSoftmaxBackward(y, g, dim, dx);
    return new NDArray[] {dx};
  }

  @Override
  protected void release() {
    y = null;
  }
}
