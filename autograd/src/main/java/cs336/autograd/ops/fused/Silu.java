package cs336.autograd.ops.fused;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;

/**
 * SiLU, y = x * sigmoid(x) (handout eq. 5), as one kernel each way: dy/dx = s (1 + x (1 - s)),
 * s = sigmoid(x). Composite twin: {@link Composites#silu}.
 */
public final class Silu extends Op {
  private NDArray x;

  public static Tensor apply(Tensor x) {
    Silu op = new Silu();
    op.x = x.data();
    NDArray out = op.x.newZeros(x.shape());
    op.x.kernels().silu(op.x, out);
    return op.output(out, x);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    NDArray dx = x.newZeros(x.shape());
    x.kernels().siluBackward(x, g, dx);
    return new NDArray[] {dx};
  }

  @Override
  protected void release() {
    x = null;
  }
}
