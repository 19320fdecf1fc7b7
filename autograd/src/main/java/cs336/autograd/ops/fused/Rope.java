package cs336.autograd.ops.fused;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.DType;
import cs336.engine.NDArray;
import cs336.engine.Shapes;
import java.util.Arrays;

/**
 * Rotary position embedding (handout section 3.5.3) with interleaved pairs: each pair
 * (x[2i], x[2i+1]) is rotated by pos * theta^(-2i/D). A rotation is orthogonal, so the backward
 * rotates the gradient by the opposite angle. Composite twin: {@link Composites#rope}.
 */
public final class Rope extends Op {
  private NDArray positions;
  private float theta;

  public static Tensor apply(Tensor x, Tensor positions, float theta) {
    int D = x.shape(-1);
    if (D % 2 != 0) throw new IllegalArgumentException("rope needs an even last dimension, got " + D);
    if (positions.dtype() != DType.INT64) throw new IllegalArgumentException("rope positions must be int64");
    int[] rows = Arrays.copyOf(x.shape(), x.rank() - 1);
    if (!Shapes.broadcastsTo(positions.shape(), rows)) {
      throw new IllegalArgumentException("rope positions " + Shapes.str(positions.shape()) + " do not broadcast to "
          + Shapes.str(rows) + " (input " + Shapes.str(x.shape()) + " without its last dimension)");
    }
    Rope op = new Rope();
    op.positions = positions.data().expand(rows);
    op.theta = theta;
    NDArray xc = x.data().contiguous();
    NDArray out = xc.newZeros(x.shape());
    xc.kernels().rope(xc, op.positions, theta, false, out);
    return op.output(out, x, null);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    NDArray gc = g.contiguous();
    NDArray dx = gc.newZeros(gc.shape());
    gc.kernels().rope(gc, positions, theta, true, dx);
    return new NDArray[] {dx, null};
  }

  @Override
  protected void release() {
    positions = null;
  }
}
