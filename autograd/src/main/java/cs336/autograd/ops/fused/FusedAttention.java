package cs336.autograd.ops.fused;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;
import cs336.engine.Shapes;
import java.util.Arrays;

/**
 * Scaled dot-product attention, softmax(q k^T / sqrt(D)) v, optionally causal, on the engine's
 * flash-attention kernels: scores are computed tile by tile and never stored as a T x T matrix;
 * forward saves one log-sum-exp per query, from which backward recomputes the probabilities.
 * Composite twin: {@link Composites#attention}.
 *
 * <p>Layout: q [..., Tq, D], k and v [..., Tk, D] with equal leading dimensions, seen as
 * [B, H, T, D]. Any strides work as long as the last dimension is contiguous, so heads can be read
 * straight out of a [B, T, H*D] projection via view + transpose. For 4-d inputs the output is
 * allocated as [B, Tq, H, D] and returned as its [B, H, Tq, D] transpose, so merging the heads
 * back ({@code transpose(1, 2).reshape(B, Tq, H*D)}) is free.
 */
public final class FusedAttention extends Op {
  private NDArray q;
  private NDArray k;
  private NDArray v;
  private NDArray out;
  private NDArray lse;
  private boolean causal;
  private float scale;
  private int[][] inShapes;

  public static Tensor apply(Tensor q, Tensor k, Tensor v, boolean causal) {
    int r = q.rank();
    if (r < 2 || k.rank() != r || v.rank() != r) {
      throw new IllegalArgumentException("attention q, k, v need equal ranks >= 2, got " + Shapes.str(q.shape()) + ", "
          + Shapes.str(k.shape()) + ", " + Shapes.str(v.shape()));
    }
    int[] lead = Arrays.copyOf(q.shape(), r - 2);
    int D = q.shape(-1);
    if (!Arrays.equals(lead, Arrays.copyOf(k.shape(), r - 2)) || !Arrays.equals(k.shape(), v.shape()) || k.shape(-1) != D) {
      throw new IllegalArgumentException("attention shapes disagree: q " + Shapes.str(q.shape()) + ", k "
          + Shapes.str(k.shape()) + ", v " + Shapes.str(v.shape()) + " (need q [..., Tq, D], k and v [..., Tk, D])");
    }
    FusedAttention op = new FusedAttention();
    op.causal = causal;
    op.scale = (float) (1.0 / Math.sqrt(D));
    op.inShapes = new int[][] {q.shape(), k.shape(), v.shape()};
    op.q = as4d(q.data());
    op.k = as4d(k.data());
    op.v = as4d(v.data());
    int B = op.q.shape(0), H = op.q.shape(1), Tq = op.q.shape(2);
    op.out = op.q.newZeros(B, Tq, H, D).permute(0, 2, 1, 3);
    op.lse = op.q.newZeros(B, H, Tq);
    op.q.kernels().attention(op.q, op.k, op.v, op.scale, causal, op.out, op.lse);
    int[] outShape = q.shape();
    return op.output(r == 4 ? op.out : op.out.reshape(outShape), q, k, v);
  }

  /** [..., T, D] as [B, H, T, D] (a view whenever strides allow), last dimension contiguous. */
  static NDArray as4d(NDArray a) {
    int r = a.rank(), T = a.shape(-2), D = a.shape(-1);
    NDArray x = switch (r) {
      case 4 -> a;
      case 3 -> a.unsqueeze(1);
      case 2 -> a.unsqueeze(0).unsqueeze(0);
      default -> a.reshape(-1, a.shape(r - 3), T, D);
    };
    return x.stride(3) == 1 || D <= 1 ? x : x.contiguous();
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    NDArray g4 = as4d(g.reshape(out.shape()));
    NDArray dq = q.newZeros(q.shape()), dk = q.newZeros(k.shape()), dv = q.newZeros(v.shape());
    q.kernels().attentionBackward(q, k, v, out, g4, lse, scale, causal, dq, dk, dv);
    return new NDArray[] {dq.view(inShapes[0]), dk.view(inShapes[1]), dv.view(inShapes[2])};
  }

  @Override
  protected void release() {
    q = null;
    k = null;
    v = null;
    out = null;
    lse = null;
  }
}
