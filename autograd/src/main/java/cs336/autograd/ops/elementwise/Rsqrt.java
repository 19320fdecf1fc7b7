package cs336.autograd.ops.elementwise;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;

/** y = x^(-1/2); dy/dx = -x^(-3/2) / 2 = -y^3 / 2. */
public final class Rsqrt extends Op {
  private NDArray y;

  public static Tensor apply(Tensor x) {
    Rsqrt op = new Rsqrt();
    op.y = x.data().rsqrt();
    return op.output(op.y, x);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    return new NDArray[] {g.mul(y.mul(y).mul(y)).mul(-0.5f)};
  }

  @Override
  protected void release() {
    y = null;
  }
}
