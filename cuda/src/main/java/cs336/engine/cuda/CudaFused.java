package cs336.engine.cuda;

import cs336.engine.NDArray;

/**
 * The fused hot-path kernels outside matmul and attention: RMSNorm forward and backward, RoPE
 * (norm.cu) and softmax + cross-entropy (cross_entropy.cu). Rows are contiguous, as the
 * {@link cs336.engine.Kernels} contract says; positions and targets may have any strides.
 */
final class CudaFused {
  private CudaFused() {}

  /** Rows of the weight gradient's partial sums: enough blocks to fill the GPU, deterministic sums. */
  static final int DW_CHUNKS = 256;

  static void rmsNorm(CudaKernels k, NDArray x, NDArray weight, float eps, NDArray out, NDArray rstd) {
    CudaKernels.requireContiguous("rmsNorm x", x);
    CudaKernels.requireContiguous("rmsNorm out", out);
    CudaKernels.requireContiguous("rmsNorm weight", weight);
    CudaKernels.requireContiguous("rmsNorm rstd", rstd);
    int C = x.shape(-1), N = C == 0 ? 0 : x.numel() / C;
    KernelArgs args = new KernelArgs().ptr(k.ptr(out)).ptr(k.ptr(rstd)).ptr(k.ptr(x)).ptr(k.ptr(weight)).i32(N).i32(C)
        .f32(eps);
    k.launch(Kernel.RMSNORM_FWD, k.blocks(N, CudaKernels.THREADS / 32), 1, 1, CudaKernels.THREADS, args);
  }

  static void rmsNormBackward(CudaKernels k, NDArray x, NDArray weight, NDArray rstd, NDArray dOut, NDArray dx,
      NDArray dWeight) {
    for (NDArray a : new NDArray[] {x, weight, rstd, dOut, dx, dWeight}) {
      CudaKernels.requireContiguous("rmsNormBackward operand", a);
    }
    int C = x.shape(-1), N = C == 0 ? 0 : x.numel() / C;
    if (C == 0) return;
    KernelArgs dxArgs = new KernelArgs().ptr(k.ptr(dx)).ptr(k.ptr(x)).ptr(k.ptr(weight)).ptr(k.ptr(rstd))
        .ptr(k.ptr(dOut)).i32(N).i32(C);
    k.launch(Kernel.RMSNORM_BWD_DX, k.blocks(N, CudaKernels.THREADS / 32), 1, 1, CudaKernels.THREADS, dxArgs);
    // dWeight = sum over rows of dOut * xhat: partial sums per chunk of rows, then summed in order.
    int chunks = Math.max(1, Math.min(N, DW_CHUNKS));
    int rowsPerChunk = (N + chunks - 1) / Math.max(chunks, 1);
    NDArray parts = k.scratch(chunks, C);
    KernelArgs dwArgs = new KernelArgs().ptr(k.ptr(parts)).ptr(k.ptr(x)).ptr(k.ptr(rstd)).ptr(k.ptr(dOut)).i32(N)
        .i32(C).i32(Math.max(rowsPerChunk, 1));
    k.launch(Kernel.RMSNORM_BWD_DW_PARTS, (C + CudaKernels.THREADS - 1) / CudaKernels.THREADS, chunks, 1,
        CudaKernels.THREADS, dwArgs);
    CudaReduce.sumParts(k, k.ptr(dWeight), parts, chunks, 1, C, C, false);
  }

  static void rope(CudaKernels k, NDArray x, NDArray positions, float theta, boolean inverse, NDArray out) {
    CudaKernels.requireContiguous("rope x", x);
    CudaKernels.requireContiguous("rope out", out);
    int D = x.shape(-1), N = positions.numel();
    if (N == 0 || D == 0) return;
    if (D % 2 != 0) throw new IllegalArgumentException("rope needs an even last dimension, got " + D);
    Strided pos = Strided.over(positions);
    KernelArgs args = new KernelArgs().struct(pos.pack()).ptr(k.ptr(out)).ptr(k.ptr(x)).ptr(k.ptr(positions)).i32(N)
        .i32(D).f32(theta).i32(inverse ? 1 : 0);
    k.launch1d(Kernel.ROPE_FWD, (long) N * (D / 2), args);
  }

  static void crossEntropy(CudaKernels k, NDArray logits, NDArray targets, NDArray losses, NDArray lse) {
    CudaKernels.requireContiguous("crossEntropy logits", logits);
    CudaKernels.requireContiguous("crossEntropy losses", losses);
    CudaKernels.requireContiguous("crossEntropy lse", lse);
    int N = targets.numel(), V = logits.shape(-1);
    Strided tg = Strided.over(targets);
    KernelArgs args = new KernelArgs().struct(tg.pack()).ptr(k.ptr(losses)).ptr(k.ptr(lse)).ptr(k.ptr(logits))
        .ptr(k.ptr(targets)).i32(N).i32(V).ptr(k.err());
    k.launch(Kernel.CE_FWD, k.blocks(N, 1), 1, 1, CudaReduce.rowThreads(V, 512), args);
  }

  static void crossEntropyBackward(CudaKernels k, NDArray logits, NDArray targets, NDArray lse, float scale,
      NDArray dLogits) {
    CudaKernels.requireContiguous("crossEntropyBackward logits", logits);
    CudaKernels.requireContiguous("crossEntropyBackward dLogits", dLogits);
    CudaKernels.requireContiguous("crossEntropyBackward lse", lse);
    int N = targets.numel(), V = logits.shape(-1);
    Strided tg = Strided.over(targets);
    KernelArgs args = new KernelArgs().struct(tg.pack()).ptr(k.ptr(dLogits)).ptr(k.ptr(logits)).ptr(k.ptr(targets))
        .ptr(k.ptr(lse)).i32(N).i32(V).f32(scale).ptr(k.err());
    k.launch(Kernel.CE_BWD, k.blocks(N, 1), 1, 1, CudaReduce.rowThreads(V, 512), args);
  }
}
