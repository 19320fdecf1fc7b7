package cs336.autograd.ops.movement;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;

/**
 * narrow / slice (with a step): a view of some elements along one dimension. The gradient is zero
 * everywhere except the sliced positions, which receive the output gradient.
 */
public final class Slice extends Op {
  private int[] inShape;
  private int dim;
  private int start;
  private int end;
  private int step;

  public static Tensor apply(Tensor x, int dim, int start, int end, int step) {
    Slice op = new Slice();
    op.inShape = x.shape();
    op.dim = dim;
    op.start = start;
    op.end = end;
    op.step = step;
    return op.output(x.data().slice(dim, start, end, step), x);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    NDArray dx = g.newZeros(inShape);
    dx.slice(dim, start, end, step).copyFrom(g);
    return new NDArray[] {dx};
  }
}
