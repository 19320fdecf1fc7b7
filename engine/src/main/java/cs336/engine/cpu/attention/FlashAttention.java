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
 * the inputs and the output). Outputs are overwritten and must not overlap the inputs. A query
 * that sees no key (causal with Tq > Tk) gets o = 0, lse = -inf and dq = 0. Memory beyond the
 * arguments is O((Tq + Tk) D) per thread, never O(Tq * Tk). Results do not depend on the thread
 * count.
 *
 * <p>The kernels are {@link FlashForward} and {@link FlashBackward} (tiled, Vector API); without
 * the {@code jdk.incubator.vector} module they fall back to the reference, with a one-line hint.
 */
public final class FlashAttention {
  private FlashAttention() {}

  private static final boolean VECTOR_API = probeVectorApi();

  /** Touches the Vector API once; a JVM started without the incubator module fails here, not in a kernel. */
  private static boolean probeVectorApi() {
    try {
      return TileKernels.L > 0;
    } catch (LinkageError e) {
      System.err.println("cs336: attention runs the slow scalar reference: start java with"
          + " --add-modules jdk.incubator.vector for the Vector API kernels");
      return false;
    }
  }

  /** Whether the tiled Vector API kernels run (false: the scalar reference does). */
  public static boolean usesVectorApi() {
    return VECTOR_API;
  }

  /** Writes o [B, H, Tq, D] and lse [B, H, Tq] from q [B, H, Tq, D], k and v [B, H, Tk, D]. */
  public static void forward(int B, int H, int Tq, int Tk, int D, float scale, boolean causal,
      AttnView q, AttnView k, AttnView v, AttnView o, float[] lse) {
    checkSizes("forward", B, H, Tq, Tk, D, lse);
    check("forward", "q", q, B, H, Tq, D);
    check("forward", "k", k, B, H, Tk, D);
    check("forward", "v", v, B, H, Tk, D);
    check("forward", "o", o, B, H, Tq, D);
    if (VECTOR_API && Tq > 0 && Tk > 0) {
      FlashForward.run(B, H, Tq, Tk, D, scale, causal, q, k, v, o, lse);
    } else {
      AttentionReference.forward(B, H, Tq, Tk, D, scale, causal, q, k, v, o, lse);
    }
  }

  /**
   * Writes dq [B, H, Tq, D], dk and dv [B, H, Tk, D] (overwritten) from the forward's inputs, its
   * output o, the output gradient dO and the saved lse.
   */
  public static void backward(int B, int H, int Tq, int Tk, int D, float scale, boolean causal,
      AttnView q, AttnView k, AttnView v, AttnView o, AttnView dO, float[] lse,
      AttnView dq, AttnView dk, AttnView dv) {
    checkSizes("backward", B, H, Tq, Tk, D, lse);
    check("backward", "q", q, B, H, Tq, D);
    check("backward", "k", k, B, H, Tk, D);
    check("backward", "v", v, B, H, Tk, D);
    check("backward", "o", o, B, H, Tq, D);
    check("backward", "dO", dO, B, H, Tq, D);
    check("backward", "dq", dq, B, H, Tq, D);
    check("backward", "dk", dk, B, H, Tk, D);
    check("backward", "dv", dv, B, H, Tk, D);
    if (VECTOR_API && Tq > 0 && Tk > 0) {
      FlashBackward.run(B, H, Tq, Tk, D, scale, causal, q, k, v, o, dO, lse, dq, dk, dv);
    } else {
      AttentionReference.backward(B, H, Tq, Tk, D, scale, causal, q, k, v, o, dO, lse, dq, dk, dv);
    }
  }

  // ---- argument checks: one clear line instead of an index error inside a worker thread ----

  private static void checkSizes(String op, int B, int H, int Tq, int Tk, int D, float[] lse) {
    if (B < 0 || H < 0 || Tq < 0 || Tk < 0 || D < 1) {
      throw new IllegalArgumentException("attention " + op + ": sizes must be B, H, Tq, Tk >= 0 and D >= 1, got B="
          + B + " H=" + H + " Tq=" + Tq + " Tk=" + Tk + " D=" + D);
    }
    long need = (long) B * H * Tq;
    if (lse.length < need) {
      throw new IllegalArgumentException("attention " + op + ": lse [B=" + B + ", H=" + H + ", Tq=" + Tq
          + "] needs " + need + " floats but its array has " + lse.length);
    }
  }

  private static void check(String op, String name, AttnView x, int B, int H, int T, int D) {
    if (x.offset() < 0 || x.strideB() < 0 || x.strideH() < 0 || x.strideT() < 0) {
      throw new IllegalArgumentException("attention " + op + ": " + name + " needs a non-negative offset and strides, got " + x);
    }
    if ((long) B * H * T == 0) return;
    long last = x.offset() + (long) (B - 1) * x.strideB() + (long) (H - 1) * x.strideH()
        + (long) (T - 1) * x.strideT() + D - 1;
    if (last >= x.data().length) {
      throw new IllegalArgumentException("attention " + op + ": " + name + " [B=" + B + ", H=" + H + ", T=" + T
          + ", D=" + D + "] reaches index " + last + " but its array has " + x.data().length + " floats");
    }
  }
}
