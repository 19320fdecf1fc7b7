package cs336.autograd.ops.elementwise;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;

/** y = a / b (broadcasting); dy/da = 1 / b, dy/db = -a / b^2. */
public final class Div extends Op {
  private NDArray a;
  private NDArray b;

  public static Tensor apply(Tensor a, Tensor b) {
    Div op = new Div();
    op.a = a.data();
    op.b = b.data();
    return op.output(a.data().div(b.data()), a, b);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    NDArray ga = g.div(b);
    return new NDArray[] {needsGrad(0) ? ga : null, needsGrad(1) ? ga.mul(a).div(b).neg() : null};
  }

  @Override
  protected void release() {
    a = null;
    b = null;
  }
}
