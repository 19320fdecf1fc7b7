package cs336.engine.cuda;

import cs336.engine.NDArray;
import cs336.engine.Shapes;

/**
 * Flash attention forward and backward (attention.cu) over [B, H, T, D] views with a contiguous last
 * dimension and any other strides. The kernel is chosen by head size: D up to 16, 32, 64 or 128.
 */
final class CudaAttention {
  private CudaAttention() {}

  static final int ROWS = 64;
  static final int MAX_D = 128;

  /** The C struct AttnShape (28 bytes). */
  static CStruct shape(int B, int H, int Tq, int Tk, int D, float scale, boolean causal) {
    return new CStruct(28).i32(B).i32(H).i32(Tq).i32(Tk).i32(D).f32(scale).i32(causal ? 1 : 0);
  }

  /** The C struct View (24 bytes): pointer to element (0, 0, 0, 0) and the b, h, t strides. */
  static CStruct view(CudaKernels k, String what, NDArray a) {
    if (a.rank() != 4) throw new IllegalArgumentException(what + " must be [B, H, T, D], got rank " + a.rank());
    if (a.stride(3) != 1 && a.shape(3) > 1) {
      throw new IllegalArgumentException(what + " needs a contiguous last dimension (strides " + Shapes.str(a.strides())
          + ")");
    }
    return new CStruct(24).ptr(k.ptr(a)).i32(a.stride(0)).i32(a.stride(1)).i32(a.stride(2));
  }

  /** The instantiated head size for D: 16, 32, 64 or 128. */
  static int headTile(int D) {
    if (D > MAX_D) throw new IllegalArgumentException("CUDA attention supports head dimensions up to " + MAX_D + ", got " + D);
    return D <= 16 ? 16 : D <= 32 ? 32 : D <= 64 ? 64 : 128;
  }

  static Kernel forwardKernel(int dt) {
    return switch (dt) {
      case 16 -> Kernel.ATTN_FWD_16;
      case 32 -> Kernel.ATTN_FWD_32;
      case 64 -> Kernel.ATTN_FWD_64;
      default -> Kernel.ATTN_FWD_128;
    };
  }

  static Kernel dkdvKernel(int dt) {
    return switch (dt) {
      case 16 -> Kernel.ATTN_BWD_DKDV_16;
      case 32 -> Kernel.ATTN_BWD_DKDV_32;
      case 64 -> Kernel.ATTN_BWD_DKDV_64;
      default -> Kernel.ATTN_BWD_DKDV_128;
    };
  }

  static Kernel dqKernel(int dt) {
    return switch (dt) {
      case 16 -> Kernel.ATTN_BWD_DQ_16;
      case 32 -> Kernel.ATTN_BWD_DQ_32;
      case 64 -> Kernel.ATTN_BWD_DQ_64;
      default -> Kernel.ATTN_BWD_DQ_128;
    };
  }

  private static int heads(int B, int H) {
    long bh = (long) B * H;
    if (bh > 65535) throw new IllegalArgumentException("CUDA attention takes at most 65535 batch x heads, got " + bh);
    return (int) bh;
  }

  static void forward(CudaKernels k, NDArray q, NDArray kk, NDArray v, float scale, boolean causal, NDArray out,
      NDArray lse) {
    int B = q.shape(0), H = q.shape(1), Tq = q.shape(2), Tk = kk.shape(2), D = q.shape(3);
    if (q.numel() == 0) return;
    CudaKernels.requireContiguous("attention lse", lse);
    int dt = headTile(D);
    KernelArgs args = new KernelArgs().struct(shape(B, H, Tq, Tk, D, scale, causal)).struct(view(k, "q", q))
        .struct(view(k, "k", kk)).struct(view(k, "v", v)).struct(view(k, "out", out)).ptr(k.ptr(lse));
    k.launch(forwardKernel(dt), (Tq + ROWS - 1) / ROWS, heads(B, H), 1, ROWS, args);
  }

  static void backward(CudaKernels k, NDArray q, NDArray kk, NDArray v, NDArray out, NDArray dOut, NDArray lse,
      float scale, boolean causal, NDArray dq, NDArray dk, NDArray dv) {
    int B = q.shape(0), H = q.shape(1), Tq = q.shape(2), Tk = kk.shape(2), D = q.shape(3);
    if (q.numel() == 0 && kk.numel() == 0) return;
    CudaKernels.requireContiguous("attention lse", lse);
    int dt = headTile(D);
    int bh = heads(B, H);
    CStruct shape = shape(B, H, Tq, Tk, D, scale, causal);
    // delta_i = dO_i . o_i, the softmax backward's row constant
    NDArray delta = k.scratch(B, H, Tq);
    k.launch1d(Kernel.ATTN_BWD_DELTA, (long) B * H * Tq,
        new KernelArgs().struct(shape).struct(view(k, "out", out)).struct(view(k, "dOut", dOut)).ptr(k.ptr(delta)));
    KernelArgs kv = new KernelArgs().struct(shape).struct(view(k, "q", q)).struct(view(k, "k", kk))
        .struct(view(k, "v", v)).struct(view(k, "dOut", dOut)).struct(view(k, "dk", dk)).struct(view(k, "dv", dv))
        .ptr(k.ptr(lse)).ptr(k.ptr(delta));
    k.launch(dkdvKernel(dt), (Tk + ROWS - 1) / ROWS, bh, 1, ROWS, kv);
    KernelArgs qa = new KernelArgs().struct(shape).struct(view(k, "q", q)).struct(view(k, "k", kk))
        .struct(view(k, "v", v)).struct(view(k, "dOut", dOut)).struct(view(k, "dq", dq)).ptr(k.ptr(lse))
        .ptr(k.ptr(delta));
    k.launch(dqKernel(dt), (Tq + ROWS - 1) / ROWS, bh, 1, ROWS, qa);
  }
}
