package cs336.autograd.ops.elementwise;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;

/** y = a * b (broadcasting); dy/da = b, dy/db = a. */
public final class Mul extends Op {
  private NDArray a;
  private NDArray b;

  public static Tensor apply(Tensor a, Tensor b) {
    Mul op = new Mul();
    op.a = a.data();
    op.b = b.data();
    return op.output(a.data().mul(b.data()), a, b);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    return new NDArray[] {needsGrad(0) ? g.mul(b) : null, needsGrad(1) ? g.mul(a) : null};
  }

  @Override
  protected void release() {
    a = null;
    b = null;
  }
}
