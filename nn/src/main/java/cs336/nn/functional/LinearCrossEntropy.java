package cs336.nn.functional;

import cs336.autograd.GradMode;
import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.DType;
import cs336.engine.Kernels;
import cs336.engine.NDArray;
import cs336.engine.Shapes;
import cs336.engine.cpu.CpuDevice;
import java.util.Arrays;

/**
 * The LM head and the loss in one op: mean cross-entropy of logits = h W^T against targets
 * (handout eq. 16 on top of the final linear layer), computed a block of rows at a time so the
 * [tokens, vocab] logits never exist at once (at batch 32 x 256 with a 10,000 vocabulary they are
 * 328 MB, and their gradient as much again).
 *
 * <p>Per block of rows: logits = h_b W^T; the cross-entropy kernel gives each row's loss and
 * log-sum-exp; when a gradient will be needed, dLogits = (softmax - onehot) / N right away, then
 * dh_b = dLogits W and dW += dLogits^T h_b. Those are the same three GEMMs the unfused head costs;
 * the only difference is that the backward's upstream factor (a scalar: the loss is a mean) is
 * applied at the end, in {@link #backward}. Composite twin:
 * {@code h.matmul(W.transpose(0, 1)).crossEntropy(targets)}.
 */
public final class LinearCrossEntropy extends Op {
  /** Floats per logits block (32 MB): the block height is this over the vocabulary size. */
  static final int BLOCK_FLOATS = 1 << 23;

  private NDArray dh;
  private NDArray dWeight;
  private int[] hShape;

  /**
   * Mean over all positions of -log softmax(h W^T)[target]: h [..., C], weight [V, C], int64
   * targets [...] (h's shape without C).
   */
  public static Tensor apply(Tensor h, Tensor weight, Tensor targets) {
    return apply(h, weight, targets, Math.max(1, BLOCK_FLOATS / Math.max(1, weight.shape(0))));
  }

  /** As {@link #apply(Tensor, Tensor, Tensor)}, {@code blockRows} rows of logits at a time. */
  static Tensor apply(Tensor h, Tensor weight, Tensor targets, int blockRows) {
    int C = h.shape(-1);
    if (weight.rank() != 2 || weight.shape(1) != C) {
      throw new IllegalArgumentException("LM head weight must be [vocab, " + C + "], got " + Shapes.str(weight.shape()));
    }
    if (targets.dtype() != DType.INT64) throw new IllegalArgumentException("cross-entropy targets must be int64");
    if (!Arrays.equals(targets.shape(), Arrays.copyOf(h.shape(), h.rank() - 1))) {
      throw new IllegalArgumentException("targets " + Shapes.str(targets.shape()) + " must have the hidden states' shape "
          + "without their last dimension, " + Shapes.str(Arrays.copyOf(h.shape(), h.rank() - 1)));
    }
    int N = targets.numel(), V = weight.shape(0);
    boolean grad = GradMode.isEnabled() && (h.requiresGrad() || weight.requiresGrad());
    NDArray x = h.data().reshape(N, C), w = weight.data(), wT = w.transpose(0, 1), t = targets.data().reshape(N);
    Kernels k = x.kernels();
    LinearCrossEntropy op = new LinearCrossEntropy();
    op.hShape = h.shape();
    NDArray losses = x.newZeros(N), lse = x.newZeros(N);
    int block = Math.max(1, Math.min(N, blockRows));
    NDArray logits = x.newZeros(block, V), dLogits = grad ? x.newZeros(block, V) : null;
    if (grad) {
      op.dh = x.newZeros(N, C);
      op.dWeight = x.newZeros(V, C);
    }
    for (int r = 0; r < N; r += block) {
      int rows = Math.min(block, N - r);
      NDArray xb = x.narrow(0, r, rows), lb = logits.narrow(0, 0, rows), tb = t.narrow(0, r, rows);
      k.matmul(xb, wT, lb, false);
      k.crossEntropy(lb, tb, losses.narrow(0, r, rows), lse.narrow(0, r, rows));
      if (!grad) continue;
      NDArray db = dLogits.narrow(0, 0, rows);
      k.crossEntropyBackward(lb, tb, lse.narrow(0, r, rows), 1f / N, db);
      k.matmul(db, w, op.dh.narrow(0, r, rows), false);
      k.matmul(db.transpose(0, 1), xb, op.dWeight, true);
    }
    return op.output(losses.mean(), h, weight, null);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    // d(mean loss) is already in dh and dW; scale them by the upstream gradient g, a scalar. On the
    // CPU reading g is free and it is nearly always 1 (loss.backward()), so the scaling is skipped;
    // on another device reading g would stall it in the middle of the backward pass: scale there.
    Float scale = g.device() == CpuDevice.CPU ? g.item() : null;
    NDArray dx = needsGrad(0) ? scaled(dh, g, scale).view(hShape) : null;
    NDArray dw = needsGrad(1) ? scaled(dWeight, g, scale) : null;
    return new NDArray[] {dx, dw, null};
  }

  /** {@code a * g}, with g's value when it was read ({@code scale}), else by g on its device. */
  private static NDArray scaled(NDArray a, NDArray g, Float scale) {
    if (scale == null) return a.mul(g);
    return scale == 1f ? a : a.mul(scale);
  }

  @Override
  protected void release() {
    dh = null;
    dWeight = null;
  }
}
