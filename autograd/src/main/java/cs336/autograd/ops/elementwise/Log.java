package cs336.autograd.ops.elementwise;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;

/** y = log(x); dy/dx = 1 / x. */
public final class Log extends Op {
  private NDArray x;

  public static Tensor apply(Tensor x) {
    Log op = new Log();
    op.x = x.data();
    return op.output(x.data().log(), x);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    return new NDArray[] {g.div(x)};
  }

  @Override
  protected void release() {
    x = null;
  }
}
