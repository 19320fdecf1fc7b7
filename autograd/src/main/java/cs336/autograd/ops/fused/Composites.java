package cs336.autograd.ops.fused;

import cs336.autograd.Tensor;
import cs336.engine.NDArray;
import java.util.Arrays;
import java.util.List;

/**
 * The fused ops written out with primitive ops only: slower and hungrier, but each line is a line
 * of the handout, and autograd differentiates them with no hand-written backward. Tests check every
 * fused op, forward and backward, against its twin here.
 */
public final class Composites {
  private Composites() {}

  /** x / sqrt(mean(x^2) + eps) * weight over the last dimension (handout eq. 4). */
  public static Tensor rmsNorm(Tensor x, Tensor weight, float eps) {
    Tensor rstd = x.mul(x).mean(-1, true).add(eps).rsqrt();
    return x.mul(rstd).mul(weight);
  }

  /** x * sigmoid(x) (handout eq. 5). */
  public static Tensor silu(Tensor x) {
    return x.mul(x.sigmoid());
  }

  /** silu(a) * b, the gate of SwiGLU (handout eq. 6). */
  public static Tensor swiglu(Tensor a, Tensor b) {
    return silu(a).mul(b);
  }

  /**
   * RoPE with interleaved pairs: (x0, x1) -> (x0 cos - x1 sin, x0 sin + x1 cos) at angle
   * pos * theta^(-2i/D). The cos/sin tables are constants computed in double.
   */
  public static Tensor rope(Tensor x, Tensor positions, float theta) {
    int D = x.shape(-1), half = D / 2;
    long[] pos = positions.data().toLongArray();
    float[] cos = new float[pos.length * half], sin = new float[pos.length * half];
    for (int p = 0; p < pos.length; p++) {
      for (int i = 0; i < half; i++) {
        double angle = pos[p] * Math.pow(theta, -2.0 * i / D);
        cos[p * half + i] = (float) Math.cos(angle);
        sin[p * half + i] = (float) Math.sin(angle);
      }
    }
    int[] tableShape = Arrays.copyOf(positions.shape(), positions.rank() + 1);
    tableShape[positions.rank()] = half;
    Tensor c = Tensor.of(NDArray.of(cos, tableShape)), s = Tensor.of(NDArray.of(sin, tableShape));
    int[] pairShape = Arrays.copyOf(x.shape(), x.rank() + 1);
    pairShape[x.rank() - 1] = half;
    pairShape[x.rank()] = 2;
    Tensor pairs = x.reshape(pairShape);
    Tensor x0 = pairs.select(-1, 0), x1 = pairs.select(-1, 1);
    Tensor y0 = x0.mul(c).sub(x1.mul(s));
    Tensor y1 = x0.mul(s).add(x1.mul(c));
    return Tensor.cat(List.of(y0.unsqueeze(-1), y1.unsqueeze(-1)), -1).reshape(x.shape());
  }

  /** -mean(log softmax(logits)[target]) over all leading positions (handout eq. 16). */
  public static Tensor crossEntropy(Tensor logits, Tensor targets) {
    Tensor logProbs = logits.logSoftmax(-1);
    return logProbs.gather(-1, targets.unsqueeze(-1)).mean().neg();
  }

  /**
   * softmax(q k^T / sqrt(D), masked) v with the full T x T score matrix (handout eq. 11); causal
   * hides key j from query i when j > i + (Tk - Tq).
   */
  public static Tensor attention(Tensor q, Tensor k, Tensor v, boolean causal) {
    int D = q.shape(-1), Tq = q.shape(-2), Tk = k.shape(-2);
    Tensor scores = q.matmul(k.transpose(-1, -2)).mul((float) (1.0 / Math.sqrt(D)));
    if (causal) scores = scores.maskedFill(causalMask(Tq, Tk), Float.NEGATIVE_INFINITY);
    return scores.softmax(-1).matmul(v);
  }

  /** [Tq, Tk] mask, 1 where key j comes after query i (j > i + Tk - Tq): the positions to hide. */
  public static Tensor causalMask(int Tq, int Tk) {
    NDArray m = NDArray.zeros(Tq, Tk);
    for (int i = 0; i < Tq; i++) {
      for (int j = i + (Tk - Tq) + 1; j < Tk; j++) if (j >= 0) m.set(1f, i, j);
    }
    return Tensor.of(m);
  }
}
