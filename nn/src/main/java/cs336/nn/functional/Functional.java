package cs336.nn.functional;

import cs336.autograd.Tensor;
import cs336.engine.DType;
import cs336.engine.NDArray;
import cs336.engine.Shapes;
import java.util.Arrays;

/**
 * The stateless functions of the handout, checked and named as its adapters are: softmax,
 * cross-entropy, SiLU and scaled dot-product attention with an arbitrary boolean mask.
 */
public final class Functional {
  private Functional() {}

  /** Softmax along {@code dim} (handout eq. 10), stable for huge inputs (the max is subtracted). */
  public static Tensor softmax(Tensor x, int dim) {
    Shapes.dim(dim, x.rank());
    return x.softmax(dim);
  }

  /** x * sigmoid(x) (handout eq. 5). */
  public static Tensor silu(Tensor x) {
    return x.silu();
  }

  /**
   * Mean cross-entropy (handout eq. 16) of logits [..., vocab] against int64 targets [...], over
   * every position of the leading dimensions; stable for huge logits (log-sum-exp with the max
   * subtracted), and fused: the probabilities are never stored.
   */
  public static Tensor crossEntropy(Tensor logits, Tensor targets) {
    if (targets.dtype() != DType.INT64) throw new IllegalArgumentException("cross-entropy targets must be int64");
    if (logits.rank() < 1) throw new IllegalArgumentException("cross-entropy logits must be [..., vocab]");
    return logits.crossEntropy(targets);
  }

  /**
   * softmax(Q K^T / sqrt(d_k), masked) V (handout eq. 11) for Q [..., queries, d_k], K [..., keys,
   * d_k], V [..., keys, d_v], any number of leading dimensions (broadcast against each other).
   * {@code mask} (a 0/1 float tensor, 1 = may attend, e.g. a boolean array read from a file)
   * broadcasts against [..., queries, keys]; null attends everywhere.
   *
   * <p>Without a mask, Q, K, V of equal leading dimensions and d_v = d_k run on the fused
   * flash-attention kernels; otherwise the score matrix is formed explicitly (the composite the
   * handout describes), masked entries set to -inf before the softmax.
   */
  public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor mask) {
    int r = q.rank();
    if (r < 2 || k.rank() < 2 || v.rank() < 2) throw new IllegalArgumentException("attention Q, K, V need rank >= 2");
    int dk = q.shape(-1);
    if (k.shape(-1) != dk || v.shape(-2) != k.shape(-2)) {
      throw new IllegalArgumentException("attention shapes disagree: Q " + Shapes.str(q.shape()) + ", K "
          + Shapes.str(k.shape()) + ", V " + Shapes.str(v.shape())
          + " (need Q [..., queries, d_k], K [..., keys, d_k], V [..., keys, d_v])");
    }
    boolean sameLead = k.rank() == r && v.rank() == r
        && Arrays.equals(Arrays.copyOf(q.shape(), r - 2), Arrays.copyOf(k.shape(), r - 2))
        && Arrays.equals(k.shape(), v.shape());
    if (mask == null && sameLead) return Tensor.scaledDotProductAttention(q, k, v, false);
    Tensor scores = q.matmul(k.transpose(-1, -2)).mul((float) (1.0 / Math.sqrt(dk)));
    if (mask != null) {
      if (mask.dtype() != DType.FLOAT32) throw new IllegalArgumentException("attention mask must be a 0/1 float mask");
      if (!Shapes.broadcastsTo(mask.shape(), scores.shape())) {
        throw new IllegalArgumentException("attention mask " + Shapes.str(mask.shape()) + " does not broadcast to the "
            + "scores " + Shapes.str(scores.shape()) + " ([..., queries, keys])");
      }
      Tensor minusInf = Tensor.of(NDArray.zeros(scores.data().device(), DType.FLOAT32).fill(Float.NEGATIVE_INFINITY));
      scores = Tensor.where(mask, scores, minusInf);
    }
    return scores.softmax(-1).matmul(v);
  }

  /** Causal attention on the fused kernels: key j is hidden from query i when j > i + (keys - queries). */
  public static Tensor causalAttention(Tensor q, Tensor k, Tensor v) {
    return Tensor.scaledDotProductAttention(q, k, v, true);
  }
}
