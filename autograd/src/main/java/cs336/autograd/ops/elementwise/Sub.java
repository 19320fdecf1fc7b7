package cs336.autograd.ops.elementwise;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;

/** y = a - b (broadcasting); dy/da = 1, dy/db = -1. */
public final class Sub extends Op {
  public static Tensor apply(Tensor a, Tensor b) {
    return new Sub().output(a.data().sub(b.data()), a, b);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    return new NDArray[] {g, needsGrad(1) ? g.neg() : null};
  }
}
