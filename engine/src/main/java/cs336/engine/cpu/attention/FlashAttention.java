package cs336.engine.cpu.attention;

/**
 * Scaled dot-product attention computed without a T x T matrix: the CPU engine's entry point for
 * (causal) attention forward and backward. Dimension legend: B batch, H heads, Tq queries,
 * Tk keys, D head dimension.
 *
 * <p>Contract (shared by every implementation, checked against {@link AttentionReference}):
 * <pre>
 *   S[i, j] = scale * q_i . k_j,  masked to -inf where causal and j > i + (Tk - Tq)
 *   P = softmax_j(S),  o_i = sum_j P[i, j] v_j,  lse[b, h, i] = log sum_j exp(S[i, j])
 * </pre>
 * The causal offset {@code Tk - Tq} makes query i the (Tk - Tq + i)-th position, so decoding one new
 * query against a KV cache of Tk keys ({@code Tq = 1}) sees every key. {@code lse} is a contiguous
 * [B, H, Tq] array, overwritten by forward and read by backward (it is all backward needs besides
 * the inputs and the output). Outputs are overwritten. Memory beyond the arguments is O(Tk) per
 * thread, never O(Tq * Tk).
 *
 * <p>This first version delegates to the reference; the tiled Vector API kernel replaces the bodies.
 */
public final class FlashAttention {
  private FlashAttention() {}

  /** Writes o [B, H, Tq, D] and lse [B, H, Tq] from q [B, H, Tq, D], k and v [B, H, Tk, D]. */
  public static void forward(int B, int H, int Tq, int Tk, int D, float scale, boolean causal,
      AttnView q, AttnView k, AttnView v, AttnView o, float[] lse) {
    AttentionReference.forward(B, H, Tq, Tk, D, scale, causal, q, k, v, o, lse);
  }

  /**
   * Writes dq [B, H, Tq, D], dk and dv [B, H, Tk, D] (overwritten) from the forward's inputs, its
   * output o, the output gradient dO and the saved lse.
   */
  public static void backward(int B, int H, int Tq, int Tk, int D, float scale, boolean causal,
      AttnView q, AttnView k, AttnView v, AttnView o, AttnView dO, float[] lse,
      AttnView dq, AttnView dk, AttnView dv) {
    AttentionReference.backward(B, H, Tq, Tk, D, scale, causal, q, k, v, o, dO, lse, dq, dk, dv);
  }
}
