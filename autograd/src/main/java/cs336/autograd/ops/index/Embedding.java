package cs336.autograd.ops.index;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.DType;
import cs336.engine.NDArray;
import cs336.engine.Shapes;
import java.util.Arrays;

/**
 * Embedding lookup (handout section 3.4.2): out[..., :] = weight[ids[...], :]. Each row used
 * receives the sum of the gradients of the positions that looked it up (a scatter-add).
 */
public final class Embedding extends Op {
  private NDArray ids;
  private int[] weightShape;

  public static Tensor apply(Tensor weight, Tensor ids) {
    if (ids.dtype() != DType.INT64) throw new IllegalArgumentException("embedding ids must be int64, got " + ids.dtype());
    if (weight.rank() != 2) {
      throw new IllegalArgumentException("embedding weight must be [vocab, dim], got " + Shapes.str(weight.shape()));
    }
    Embedding op = new Embedding();
    op.ids = ids.data();
    op.weightShape = weight.shape();
    int[] outShape = Arrays.copyOf(ids.shape(), ids.rank() + 1);
    outShape[ids.rank()] = weight.shape(1);
    NDArray out = weight.data().newZeros(outShape);
    weight.data().kernels().embedding(weight.data(), ids.data(), out);
    return op.output(out, weight, null);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    NDArray dWeight = g.newZeros(weightShape);
    g.kernels().embeddingBackward(ids, g, dWeight);
    return new NDArray[] {dWeight, null};
  }

  @Override
  protected void release() {
    ids = null;
  }
}
