package cs336.autograd.ops.movement;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;

/**
 * view / reshape (and squeeze, unsqueeze, flatten): the same elements in a new shape, so the
 * gradient is the output gradient in the old shape.
 */
public final class View extends Op {
  private int[] inShape;

  /** {@code strict}: fail instead of copying when the strides make a view impossible. */
  public static Tensor apply(Tensor x, int[] shape, boolean strict) {
    View op = new View();
    op.inShape = x.shape();
    return op.output(strict ? x.data().view(shape) : x.data().reshape(shape), x);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    return new NDArray[] {g.reshape(inShape)};
  }
}
