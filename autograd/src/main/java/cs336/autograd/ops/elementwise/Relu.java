package cs336.autograd.ops.elementwise;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;

/** y = max(x, 0); dy/dx = 1 where x > 0, else 0. */
public final class Relu extends Op {
  private NDArray x;

  public static Tensor apply(Tensor x) {
    Relu op = new Relu();
    op.x = x.data();
    return op.output(x.data().relu(), x);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    return new NDArray[] {g.mul(x.gt(0f))};
  }

  @Override
  protected void release() {
    x = null;
  }
}
