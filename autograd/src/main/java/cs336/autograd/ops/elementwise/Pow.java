package cs336.autograd.ops.elementwise;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;

/** y = x^p for a constant p; dy/dx = p x^(p-1). */
public final class Pow extends Op {
  private NDArray x;
  private float p;

  public static Tensor apply(Tensor x, float p) {
    Pow op = new Pow();
    op.x = x.data();
    op.p = p;
    return op.output(x.data().pow(p), x);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    return new NDArray[] {g.mul(x.pow(p - 1f)).mul(p)};
  }

  @Override
  protected void release() {
    x = null;
  }
}
