package cs336.autograd.ops.fused;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;
import cs336.engine.Shapes;

/**
 * The SwiGLU gate y = silu(a) * b (handout eq. 6 with a = W1 x, b = W3 x), in one pass instead of
 * three ops and two temporaries: da = dy * b * silu'(a), db = dy * silu(a).
 * Composite twin: {@link Composites#swiglu}.
 */
public final class SwiGlu extends Op {
  private NDArray a;
  private NDArray b;

  public static Tensor apply(Tensor a, Tensor b) {
    if (!a.data().sameShape(b.data())) {
      throw new IllegalArgumentException("swiglu operands differ in shape: " + Shapes.str(a.shape()) + " vs "
          + Shapes.str(b.shape()));
    }
    SwiGlu op = new SwiGlu();
    op.a = a.data();
    op.b = b.data();
    NDArray out = op.a.newZeros(a.shape());
    op.a.kernels().swiglu(op.a, op.b, out);
    return op.output(out, a, b);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    NDArray da = a.newZeros(a.shape()), db = a.newZeros(a.shape());
    a.kernels().swigluBackward(a, b, g, da, db);
    return new NDArray[] {da, db};
  }

  @Override
  protected void release() {
    a = null;
    b = null;
  }
}
