package cs336.engine.cpu;

import static cs336.engine.cpu.CpuStorage.floats;

import cs336.engine.NDArray;
import cs336.engine.cpu.attention.AttnView;
import cs336.engine.cpu.attention.FlashAttention;

/**
 * Causal attention on the CPU: adapts [B, H, T, D] arrays to {@link FlashAttention}'s strided
 * views. Shared by the scalar and SIMD kernels (the attention kernels are their own package).
 */
public final class CpuAttention {
  private CpuAttention() {}

  static AttnView view(String what, NDArray a) {
    if (a.rank() != 4) throw new IllegalArgumentException(what + " must be [B, H, T, D], got rank " + a.rank());
    if (a.stride(3) != 1 && a.shape(3) > 1) {
      throw new IllegalArgumentException(what + " needs a contiguous last dimension (strides "
          + cs336.engine.Shapes.str(a.strides()) + ")");
    }
    return new AttnView(floats(a), a.offset(), a.stride(0), a.stride(1), a.stride(2));
  }

  /** lse as the contiguous offset-0 array FlashAttention indexes directly. */
  static float[] lse(NDArray lse) {
    if (lse.offset() != 0 || !lse.isContiguous()) {
      throw new IllegalArgumentException("attention lse must be a fresh contiguous [B, H, Tq] array");
    }
    return floats(lse);
  }

  /** See {@link cs336.engine.Kernels#attention}. */
  public static void forward(NDArray q, NDArray k, NDArray v, float scale, boolean causal, NDArray out, NDArray lse) {
    int B = q.shape(0), H = q.shape(1), Tq = q.shape(2), Tk = k.shape(2), D = q.shape(3);
    if (q.numel() == 0) return;
    FlashAttention.forward(B, H, Tq, Tk, D, scale, causal, view("q", q), view("k", k), view("v", v),
        view("out", out), lse(lse));
  }

  /** See {@link cs336.engine.Kernels#attentionBackward}. */
  public static void backward(NDArray q, NDArray k, NDArray v, NDArray out, NDArray dOut, NDArray lse,
      float scale, boolean causal, NDArray dq, NDArray dk, NDArray dv) {
    int B = q.shape(0), H = q.shape(1), Tq = q.shape(2), Tk = k.shape(2), D = q.shape(3);
    if (q.numel() == 0 && k.numel() == 0) return;
    FlashAttention.backward(B, H, Tq, Tk, D, scale, causal, view("q", q), view("k", k), view("v", v),
        view("out", out), view("dOut", dOut), lse(lse), view("dq", dq), view("dk", dk), view("dv", dv));
  }
}
