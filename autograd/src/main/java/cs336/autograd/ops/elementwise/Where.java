package cs336.autograd.ops.elementwise;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;

/**
 * y = cond != 0 ? a : b (all three broadcast). The gradient goes to a where the mask is set and to
 * b elsewhere; the mask itself gets none.
 */
public final class Where extends Op {
  private NDArray cond;

  public static Tensor apply(Tensor cond, Tensor a, Tensor b) {
    Where op = new Where();
    op.cond = cond.data();
    return op.output(NDArray.where(cond.data(), a.data(), b.data()), null, a, b);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    NDArray zero = g.newZeros();
    return new NDArray[] {
      null,
      needsGrad(1) ? NDArray.where(cond, g, zero) : null,
      needsGrad(2) ? NDArray.where(cond, zero, g) : null
    };
  }

  @Override
  protected void release() {
    cond = null;
  }
}
