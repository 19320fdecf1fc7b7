package cs336.autograd.ops.elementwise;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;

/** y = a + b (broadcasting); dy/da = dy/db = 1. */
public final class Add extends Op {
  public static Tensor apply(Tensor a, Tensor b) {
    return new Add().output(a.data().add(b.data()), a, b);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    return new NDArray[] {g, g};          // autograd sums each back to its input's shape
  }
}
