package cs336.autograd.ops.movement;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;
import cs336.engine.Shapes;
import java.util.List;

/**
 * Concatenation along one dimension: each input is copied into its band of the output, and its
 * gradient is that band of the output gradient.
 */
public final class Cat extends Op {
  private int dim;
  private int[] starts;
  private int[] lengths;

  public static Tensor apply(List<Tensor> tensors, int dim) {
    if (tensors.isEmpty()) throw new IllegalArgumentException("cat of no tensors");
    Tensor first = tensors.get(0);
    int d = Shapes.dim(dim, first.rank());
    int[] shape = first.shape();
    Cat op = new Cat();
    op.dim = d;
    op.starts = new int[tensors.size()];
    op.lengths = new int[tensors.size()];
    int total = 0;
    for (int i = 0; i < tensors.size(); i++) {
      int[] s = tensors.get(i).shape();
      s[d] = shape[d];
      if (!java.util.Arrays.equals(s, shape)) {
        throw new IllegalArgumentException("cat along " + d + ": shape " + Shapes.str(tensors.get(i).shape())
            + " does not match " + Shapes.str(first.shape()));
      }
      op.starts[i] = total;
      op.lengths[i] = tensors.get(i).shape(d);
      total += op.lengths[i];
    }
    shape[d] = total;
    NDArray out = first.data().newZeros(shape);
    for (int i = 0; i < tensors.size(); i++) out.narrow(d, op.starts[i], op.lengths[i]).copyFrom(tensors.get(i).data());
    return op.output(out, tensors.toArray(new Tensor[0]));
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    NDArray[] grads = new NDArray[starts.length];
    for (int i = 0; i < grads.length; i++) grads[i] = needsGrad(i) ? g.narrow(dim, starts[i], lengths[i]) : null;
    return grads;
  }
}
