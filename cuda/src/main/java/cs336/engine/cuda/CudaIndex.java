package cs336.engine.cuda;

import cs336.engine.NDArray;
import cs336.engine.Shapes;

/**
 * Embedding lookup and backward, gather and scatter-add (index.cu). Bad indices are reported at the
 * next read back to the host (see {@link CudaDevice#checkErrors}), with the CPU kernels' message.
 */
final class CudaIndex {
  private CudaIndex() {}

  static void embedding(CudaKernels k, NDArray weight, NDArray ids, NDArray out) {
    int V = weight.shape(0), C = weight.shape(1);
    if (C == 0 || ids.numel() == 0) return;
    Strided rows = Strided.over(ids, out.select(-1, 0));
    KernelArgs args = new KernelArgs().struct(rows.pack()).ptr(k.ptr(out)).ptr(k.ptr(ids)).ptr(k.ptr(weight))
        .i32(V).i32(C).i32(weight.stride(0)).i32(weight.stride(1)).i32(out.stride(-1)).ptr(k.err());
    k.launch(Kernel.EMBEDDING_FWD, k.blocks(rows.n(), CudaKernels.THREADS / 32), 1, 1, CudaKernels.THREADS, args);
  }

  static void embeddingBackward(CudaKernels k, NDArray ids, NDArray dOut, NDArray dWeight) {
    int V = dWeight.shape(0), C = dWeight.shape(1);
    if (C == 0 || ids.numel() == 0) return;
    Strided rows = Strided.over(ids, dOut.select(-1, 0));
    KernelArgs args = new KernelArgs().struct(rows.pack()).ptr(k.ptr(dWeight)).ptr(k.ptr(ids)).ptr(k.ptr(dOut))
        .i32(V).i32(C).i32(dWeight.stride(0)).i32(dWeight.stride(1)).i32(dOut.stride(-1)).ptr(k.err());
    k.launch(Kernel.EMBEDDING_BWD, k.blocks(rows.n(), CudaKernels.THREADS / 32), 1, 1, CudaKernels.THREADS, args);
  }

  /** {@code a} seen with {@code index}'s shape: a's strides, but stride 0 along {@code dim}. */
  static NDArray alongIndex(NDArray a, int dim, NDArray index) {
    int[] shape = index.shape();
    for (int d = 0; d < shape.length; d++) {
      if (d != dim && shape[d] > a.shape(d)) {
        throw new IllegalArgumentException("index shape " + Shapes.str(shape) + " exceeds " + Shapes.str(a.shape())
            + " outside dimension " + dim);
      }
    }
    int[] st = a.strides();
    st[dim] = 0;
    return new NDArray(a.storage(), shape, st, a.offset());
  }

  static void gather(CudaKernels k, NDArray x, int dim, NDArray index, NDArray out) {
    Strided s = Strided.over(out, index, alongIndex(x, dim, index));
    KernelArgs args = new KernelArgs().struct(s.pack()).ptr(k.ptr(out)).ptr(k.ptr(index)).ptr(k.ptr(x))
        .i32(x.shape(dim)).i32(x.stride(dim)).ptr(k.err());
    k.launch1d(Kernel.GATHER_F32, s.n(), args);
  }

  static void scatterAdd(CudaKernels k, NDArray dst, int dim, NDArray index, NDArray src) {
    Strided s = Strided.over(src, index, alongIndex(dst, dim, index));
    KernelArgs args = new KernelArgs().struct(s.pack()).ptr(k.ptr(dst)).ptr(k.ptr(index)).ptr(k.ptr(src))
        .i32(dst.shape(dim)).i32(dst.stride(dim)).ptr(k.err());
    k.launch1d(Kernel.SCATTER_ADD_F32, s.n(), args);
  }
}
