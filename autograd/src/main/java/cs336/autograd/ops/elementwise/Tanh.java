package cs336.autograd.ops.elementwise;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;

/** y = tanh(x); dy/dx = 1 - y^2. */
public final class Tanh extends Op {
  private NDArray y;

  public static Tensor apply(Tensor x) {
    Tanh op = new Tanh();
    op.y = x.data().tanh();
    return op.output(op.y, x);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    return new NDArray[] {g.mul(y.square().neg().add(1f))};
  }

  @Override
  protected void release() {
    y = null;
  }
}
