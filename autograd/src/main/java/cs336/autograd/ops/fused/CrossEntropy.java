package cs336.autograd.ops.fused;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.DType;
import cs336.engine.NDArray;
import cs336.engine.Shapes;
import java.util.Arrays;

/**
 * Mean cross-entropy of logits [..., V] against int64 targets [...] (handout eq. 16), with the
 * softmax fused in: forward keeps one log-sum-exp per row, backward writes
 * (softmax - onehot) * g / N straight into the logits' gradient. Composite twin:
 * {@link Composites#crossEntropy}.
 */
public final class CrossEntropy extends Op {
  private NDArray logits;
  private NDArray targets;
  private NDArray lse;
  private int[] logitsShape;

  public static Tensor apply(Tensor logits, Tensor targets) {
    if (targets.dtype() != DType.INT64) throw new IllegalArgumentException("cross-entropy targets must be int64");
    int[] rows = Arrays.copyOf(logits.shape(), logits.rank() - 1);
    if (!Arrays.equals(rows, targets.shape())) {
      throw new IllegalArgumentException("cross-entropy targets " + Shapes.str(targets.shape()) + " must have the logits' "
          + "shape without the vocabulary dimension, " + Shapes.str(rows));
    }
    CrossEntropy op = new CrossEntropy();
    int V = logits.shape(-1), N = targets.numel();
    op.logitsShape = logits.shape();
    op.logits = logits.data().contiguous().view(N, V);
    op.targets = targets.data().reshape(N);
    op.lse = op.logits.newZeros(N);
    NDArray losses = op.logits.newZeros(N);
    op.logits.kernels().crossEntropy(op.logits, op.targets, losses, op.lse);
    return op.output(losses.mean(), logits, null);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    int N = lse.numel();
    NDArray dLogits = logits.newZeros(logits.shape());
    logits.kernels().crossEntropyBackward(logits, targets, lse, g.item() / N, dLogits);
    return new NDArray[] {dLogits.view(logitsShape), null};
  }

  @Override
  protected void release() {
    logits = null;
    targets = null;
    lse = null;
  }
}
