package cs336.autograd.ops.movement;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;

/**
 * expand (broadcast without copying): each input element feeds every output position it was
 * repeated to, so its gradient is the sum over them. Backward hands back the full-size gradient
 * and autograd's one broadcasting rule sums it down to the input's shape.
 */
public final class Expand extends Op {
  public static Tensor apply(Tensor x, int[] shape) {
    return new Expand().output(x.data().expand(shape), x);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    return new NDArray[] {g};
  }
}
