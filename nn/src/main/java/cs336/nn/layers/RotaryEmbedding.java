package cs336.nn.layers;

import cs336.autograd.Tensor;
import cs336.engine.Shapes;
import cs336.nn.Module;

/**
 * Rotary position embedding (handout section 3.5.3): each interleaved pair (x[2k], x[2k+1]) of a
 * query or key vector at position i is rotated by the angle i * theta^(-2k / d_k). No parameters;
 * the engine's fused kernel computes the cos/sin table for the positions it is given. Typical:
 * theta 10,000, d_k 32, max_seq_len 256.
 */
public final class RotaryEmbedding extends Module {
  private final float theta;
  private final int dK;
  private final int maxSeqLen;

  public RotaryEmbedding(float theta, int dK, int maxSeqLen) {
    if (dK % 2 != 0) throw new IllegalArgumentException("RoPE needs an even d_k, got " + dK);
    if (!(theta > 0)) throw new IllegalArgumentException("RoPE theta must be positive, got " + theta);
    this.theta = theta;
    this.dK = dK;
    this.maxSeqLen = maxSeqLen;
  }

  /**
   * x [..., seq, d_k] rotated by int64 {@code tokenPositions} [..., seq] (broadcast against x's
   * leading dimensions; each in [0, max_seq_len)).
   */
  public Tensor forward(Tensor x, Tensor tokenPositions) {
    Layers.checkLast("RoPE input", x, dK);
    Layers.checkIds("RoPE token positions", tokenPositions);
    if (x.rank() < 2 || tokenPositions.rank() < 1 || tokenPositions.shape(-1) != x.shape(-2)) {
      throw new IllegalArgumentException("RoPE token positions " + Shapes.str(tokenPositions.shape())
          + " must be [..., seq] for input " + Shapes.str(x.shape()) + " ([..., seq, d_k])");
    }
    checkRange(tokenPositions);
    return x.rope(tokenPositions, theta);
  }

  /**
   * Throws unless every position lies in [0, max_seq_len). It reads the positions' minimum and
   * maximum back from their device, so callers that know the range use {@link #checkRange(int, int)}.
   */
  void checkRange(Tensor positions) {
    if (positions.numel() == 0) return;
    var asFloat = positions.data().to(cs336.engine.DType.FLOAT32);
    checkRange((long) asFloat.min().item(), (long) asFloat.max().item());
  }

  /** Throws unless the {@code n} positions {@code start, ..., start + n - 1} lie in [0, max_seq_len). */
  void checkRange(int start, int n) {
    if (n > 0) checkRange(start, (long) start + n - 1);
  }

  private void checkRange(long lo, long hi) {
    if (lo < 0 || hi >= maxSeqLen) {
      throw new IllegalArgumentException("RoPE token positions must lie in [0, " + maxSeqLen + "), got [" + lo + ", "
          + hi + "]");
    }
  }

  public float theta() {
    return theta;
  }

  public int dK() {
    return dK;
  }

  public int maxSeqLen() {
    return maxSeqLen;
  }
}
