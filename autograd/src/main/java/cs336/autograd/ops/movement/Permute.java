package cs336.autograd.ops.movement;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;
import cs336.engine.Shapes;

/**
 * permute / transpose: output dimension i is input dimension dims[i]; the gradient goes back
 * through the inverse permutation.
 */
public final class Permute extends Op {
  private int[] inverse;

  public static Tensor apply(Tensor x, int[] dims) {
    Permute op = new Permute();
    op.inverse = new int[dims.length];
    for (int i = 0; i < dims.length; i++) op.inverse[Shapes.dim(dims[i], dims.length)] = i;
    return op.output(x.data().permute(dims), x);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    return new NDArray[] {g.permute(inverse)};
  }
}
