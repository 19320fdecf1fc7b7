package cs336.autograd.ops.elementwise;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;

/** y = 1 / (1 + exp(-x)); dy/dx = y (1 - y). */
public final class Sigmoid extends Op {
  private NDArray y;

  public static Tensor apply(Tensor x) {
    Sigmoid op = new Sigmoid();
    op.y = x.data().sigmoid();
    return op.output(op.y, x);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    return new NDArray[] {g.mul(y).mul(y.neg().add(1f))};
  }

  @Override
  protected void release() {
    y = null;
  }
}
