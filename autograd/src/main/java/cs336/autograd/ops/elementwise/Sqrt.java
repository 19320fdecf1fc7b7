package cs336.autograd.ops.elementwise;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;

/** y = sqrt(x); dy/dx = 1 / (2 y). */
public final class Sqrt extends Op {
  private NDArray y;

  public static Tensor apply(Tensor x) {
    Sqrt op = new Sqrt();
    op.y = x.data().sqrt();
    return op.output(op.y, x);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    return new NDArray[] {g.mul(0.5f).div(y)};
  }

  @Override
  protected void release() {
    y = null;
  }
}
