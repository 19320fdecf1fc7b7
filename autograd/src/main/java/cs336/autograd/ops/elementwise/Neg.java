package cs336.autograd.ops.elementwise;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;

/** y = -x; dy/dx = -1. */
public final class Neg extends Op {
  public static Tensor apply(Tensor x) {
    Neg op = new Neg();
    return op.output(x.data().neg(), x);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    return new NDArray[] {g.neg()};
  }
}
