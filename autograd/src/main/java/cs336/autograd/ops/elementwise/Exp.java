package cs336.autograd.ops.elementwise;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;

/** y = exp(x); dy/dx = y (saved). */
public final class Exp extends Op {
  private NDArray y;

  public static Tensor apply(Tensor x) {
    Exp op = new Exp();
    op.y = x.data().exp();
    return op.output(op.y, x);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    return new NDArray[] {g.mul(y)};
  }

  @Override
  protected void release() {
    y = null;
  }
}
