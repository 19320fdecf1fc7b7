package cs336.engine.cuda;

import cs336.engine.AdamWStep;
import cs336.engine.BinaryOp;
import cs336.engine.DType;
import cs336.engine.NDArray;
import cs336.engine.UnaryOp;

/**
 * Copy, fill, the elementwise ops, SiLU / SwiGLU and AdamW (elementwise.cu). Operands arrive with the
 * output's shape (broadcast ones as stride-0 views); one {@link Strided} describes them all, in the
 * kernel's argument order (outputs first).
 */
final class CudaElementwise {
  private CudaElementwise() {}

  static void copy(CudaKernels k, NDArray src, NDArray dst) {
    Kernel kernel;
    if (src.dtype() == dst.dtype()) kernel = src.dtype() == DType.FLOAT32 ? Kernel.COPY_F32 : Kernel.COPY_I64;
    else kernel = src.dtype() == DType.INT64 ? Kernel.COPY_I64_TO_F32 : Kernel.COPY_F32_TO_I64;
    pointwise(k, kernel, dst, src);
  }

  static void fill(CudaKernels k, NDArray dst, double value) {
    Strided s = Strided.over(dst);
    KernelArgs args = new KernelArgs().struct(s.pack()).ptr(k.ptr(dst));
    if (dst.dtype() == DType.FLOAT32) k.launch1d(Kernel.FILL_F32, s.n(), args.f32((float) value));
    else k.launch1d(Kernel.FILL_I64, s.n(), args.i64((long) value));
  }

  /** A kernel whose arguments are the Strided over {@code arrays} and their pointers, in that order. */
  static KernelArgs stridedArgs(CudaKernels k, Strided s, NDArray... arrays) {
    KernelArgs args = new KernelArgs().struct(s.pack());
    for (NDArray a : arrays) args.ptr(k.ptr(a));
    return args;
  }

  /** Launches {@code kernel} over every element of {@code arrays} (outputs first). */
  static void pointwise(CudaKernels k, Kernel kernel, NDArray... arrays) {
    Strided s = Strided.over(arrays);
    k.launch1d(kernel, s.n(), stridedArgs(k, s, arrays));
  }

  static void unary(CudaKernels k, UnaryOp op, NDArray x, NDArray out) {
    Strided s = Strided.over(out, x);
    k.launch1d(Kernel.UNARY_F32, s.n(), stridedArgs(k, s, out, x).i32(op.ordinal()));
  }

  static void binary(CudaKernels k, BinaryOp op, NDArray a, NDArray b, NDArray out) {
    Strided s = Strided.over(out, a, b);
    k.launch1d(Kernel.BINARY_F32, s.n(), stridedArgs(k, s, out, a, b).i32(op.ordinal()));
  }

  static void binaryScalar(CudaKernels k, BinaryOp op, NDArray a, float scalar, NDArray out) {
    Strided s = Strided.over(out, a);
    k.launch1d(Kernel.BINARY_SCALAR_F32, s.n(), stridedArgs(k, s, out, a).f32(scalar).i32(op.ordinal()));
  }

  static void where(CudaKernels k, NDArray cond, NDArray a, NDArray b, NDArray out) {
    pointwise(k, Kernel.WHERE_F32, out, cond, a, b);
  }

  /** Handout Algorithm 1 over the whole arena in one launch; alpha_t in double on the host, as the CPU. */
  static void adamw(CudaKernels k, NDArray param, NDArray grad, NDArray m, NDArray v, AdamWStep step) {
    for (NDArray a : new NDArray[] {param, grad, m, v}) CudaKernels.requireContiguous("adamw operand", a);
    int n = param.numel();
    if (grad.numel() != n || m.numel() != n || v.numel() != n) {
      throw new IllegalArgumentException("adamw arrays differ in length: " + n + ", " + grad.numel() + ", " + m.numel()
          + ", " + v.numel());
    }
    KernelArgs args = new KernelArgs().ptr(k.ptr(param)).ptr(k.ptr(m)).ptr(k.ptr(v)).ptr(k.ptr(grad)).i32(n)
        .f32(step.beta1()).f32(step.beta2()).f32(step.eps()).f32((float) step.alphaT())
        .f32(step.lr() * step.weightDecay());
    k.launch1d(Kernel.ADAMW_F32, n, args);
  }
}
