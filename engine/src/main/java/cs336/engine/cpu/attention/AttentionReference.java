package cs336.engine.cpu.attention;

/**
 * The readable reference for {@link FlashAttention}: one query row at a time, with the row's
 * scores in a Tk-long buffer (so O(Tk) memory, but no tiling and no SIMD). Same contract.
 */
public final class AttentionReference {
  private AttentionReference() {}

  /** Last key index query i may see (inclusive). */
  static int lastKey(int i, int Tq, int Tk, boolean causal) {
    return causal ? Math.min(Tk - 1, i + (Tk - Tq)) : Tk - 1;
  }

  public static void forward(int B, int H, int Tq, int Tk, int D, float scale, boolean causal,
      AttnView q, AttnView k, AttnView v, AttnView o, float[] lse) {
    float[] s = new float[Tk];
    for (int b = 0; b < B; b++) {
      for (int h = 0; h < H; h++) {
        for (int i = 0; i < Tq; i++) {
          int qi = q.at(b, h, i);
          int last = lastKey(i, Tq, Tk, causal);
          float max = Float.NEGATIVE_INFINITY;
          for (int j = 0; j <= last; j++) {
            int kj = k.at(b, h, j);
            float dot = 0f;
            for (int d = 0; d < D; d++) dot += q.data()[qi + d] * k.data()[kj + d];
            s[j] = dot * scale;
            max = Math.max(max, s[j]);
          }
          float sum = 0f;
          for (int j = 0; j <= last; j++) {
            s[j] = (float) Math.exp(s[j] - max);
            sum += s[j];
          }
          int oi = o.at(b, h, i);
          for (int d = 0; d < D; d++) o.data()[oi + d] = 0f;
          for (int j = 0; j <= last; j++) {
            float p = s[j] / sum;
            int vj = v.at(b, h, j);
            for (int d = 0; d < D; d++) o.data()[oi + d] += p * v.data()[vj + d];
          }
          lse[(b * H + h) * Tq + i] = last < 0 ? Float.NEGATIVE_INFINITY : max + (float) Math.log(sum);
        }
      }
    }
  }

  public static void backward(int B, int H, int Tq, int Tk, int D, float scale, boolean causal,
      AttnView q, AttnView k, AttnView v, AttnView o, AttnView dO, float[] lse,
      AttnView dq, AttnView dk, AttnView dv) {
    for (int b = 0; b < B; b++) {
      for (int h = 0; h < H; h++) {
        for (int j = 0; j < Tk; j++) {
          int kj = dk.at(b, h, j), vj = dv.at(b, h, j);
          for (int d = 0; d < D; d++) {
            dk.data()[kj + d] = 0f;
            dv.data()[vj + d] = 0f;
          }
        }
        for (int i = 0; i < Tq; i++) {
          int qi = q.at(b, h, i), oi = o.at(b, h, i), gi = dO.at(b, h, i), dqi = dq.at(b, h, i);
          int last = lastKey(i, Tq, Tk, causal);
          float l = lse[(b * H + h) * Tq + i];
          // delta_i = dO_i . o_i  (= sum_j P[i,j] dP[i,j], the softmax backward's row constant)
          float delta = 0f;
          for (int d = 0; d < D; d++) delta += dO.data()[gi + d] * o.data()[oi + d];
          for (int d = 0; d < D; d++) dq.data()[dqi + d] = 0f;
          for (int j = 0; j <= last; j++) {
            int kj = k.at(b, h, j), vj = v.at(b, h, j);
            float dot = 0f;
            for (int d = 0; d < D; d++) dot += q.data()[qi + d] * k.data()[kj + d];
            float p = (float) Math.exp(dot * scale - l);
            float dp = 0f;
            for (int d = 0; d < D; d++) dp += dO.data()[gi + d] * v.data()[vj + d];
            float ds = p * (dp - delta) * scale;
            int dkj = dk.at(b, h, j), dvj = dv.at(b, h, j);
            for (int d = 0; d < D; d++) {
              dv.data()[dvj + d] += p * dO.data()[gi + d];
              dq.data()[dqi + d] += ds * k.data()[kj + d];
              dk.data()[dkj + d] += ds * q.data()[qi + d];
            }
          }
        }
      }
    }
  }
}
