package cs336.autograd.ops.reduce;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;

/**
 * y = max of x along {@code dim}. The gradient flows to the elements equal to the maximum; when
 * several tie they share it equally (as torch.amax does), so the total is preserved.
 */
public final class Max extends Op {
  private NDArray x;
  private NDArray maxKept;
  private int dim;

  public static Tensor apply(Tensor x, int dim, boolean keepdim) {
    Max op = new Max();
    op.x = x.data();
    op.dim = dim;
    op.maxKept = x.data().max(dim, true);
    return op.output(keepdim ? op.maxKept : op.maxKept.squeeze(dim), x);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    NDArray winners = x.eq(maxKept);                        // 1 where x attains the max
    NDArray share = winners.sum(dim, true);                 // how many tie
    NDArray gKept = g.reshape(maxKept.shape());
    return new NDArray[] {winners.mul(gKept.div(share))};
  }

  @Override
  protected void release() {
    x = null;
    maxKept = null;
  }
}
