package cs336.engine.cuda;

import cs336.engine.NDArray;
import cs336.engine.ReduceOp;

/**
 * Reductions, argmax, softmax and log-softmax with their backwards, and the ordered sum of partial
 * results (reduce.cu). A "row" is the line of elements along the reduced dimension; the other
 * dimensions are described by a {@link Strided} over each operand narrowed to its first element
 * along that dimension.
 */
final class CudaReduce {
  private CudaReduce() {}

  /** The smallest power of two >= n, clamped to [32, max]: threads for a block that shares one row. */
  static int rowThreads(int n, int max) {
    int t = 32;
    while (t < n && t < max) t <<= 1;
    return t;
  }

  static void reduce(CudaKernels k, ReduceOp op, NDArray x, NDArray out) {
    int rank = x.rank();
    int[] xs = x.shape(), xst = x.strides(), ost = out.strides();
    int nk = 0, nr = 0;
    for (int d = 0; d < rank; d++) {
      if (out.shape(d) == xs[d]) nk++; else nr++;
    }
    int[] keptShape = new int[nk], keptX = new int[nk], keptOut = new int[nk];
    int[] redShape = new int[nr], redX = new int[nr];
    for (int d = 0, i = 0, j = 0; d < rank; d++) {
      if (out.shape(d) == xs[d]) {
        keptShape[i] = xs[d];
        keptX[i] = xst[d];
        keptOut[i++] = ost[d];
      } else {
        redShape[j] = xs[d];
        redX[j++] = xst[d];
      }
    }
    Strided kept = Strided.of(keptShape, keptOut, keptX);
    Strided red = Strided.of(redShape, redX);
    KernelArgs args = new KernelArgs().struct(kept.pack()).struct(red.pack()).ptr(k.ptr(out)).ptr(k.ptr(x))
        .i32(op.ordinal());
    k.launch(Kernel.REDUCE_F32, k.blocks(kept.n(), 1), 1, 1, rowThreads(red.n(), 256), args);
  }

  static void argmax(CudaKernels k, NDArray x, int dim, NDArray out) {
    int len = x.shape(dim);
    if (len == 0) return;
    Strided rows = Strided.over(x.narrow(dim, 0, 1), out);
    KernelArgs args = new KernelArgs().struct(rows.pack()).ptr(k.ptr(out)).ptr(k.ptr(x)).i32(len).i32(x.stride(dim));
    int warps = CudaKernels.THREADS / 32;
    k.launch(Kernel.ARGMAX_F32, k.blocks(rows.n(), warps), 1, 1, CudaKernels.THREADS, args);
  }

  static void softmax(CudaKernels k, NDArray x, int dim, NDArray out, boolean log) {
    int len = x.shape(dim);
    if (len == 0) return;
    Strided rows = Strided.over(out.narrow(dim, 0, 1), x.narrow(dim, 0, 1));
    KernelArgs args = new KernelArgs().struct(rows.pack()).ptr(k.ptr(out)).ptr(k.ptr(x)).i32(len)
        .i32(out.stride(dim)).i32(x.stride(dim)).i32(log ? 1 : 0);
    k.launch(Kernel.SOFTMAX_FWD, k.blocks(rows.n(), 1), 1, 1, rowThreads(len, 1024), args);
  }

  static void softmaxBackward(CudaKernels k, NDArray y, NDArray dy, int dim, NDArray dx, boolean log) {
    int len = y.shape(dim);
    if (len == 0) return;
    Strided rows = Strided.over(dx.narrow(dim, 0, 1), y.narrow(dim, 0, 1), dy.narrow(dim, 0, 1));
    KernelArgs args = new KernelArgs().struct(rows.pack()).ptr(k.ptr(dx)).ptr(k.ptr(y)).ptr(k.ptr(dy)).i32(len)
        .i32(dx.stride(dim)).i32(y.stride(dim)).i32(dy.stride(dim)).i32(log ? 1 : 0);
    k.launch(Kernel.SOFTMAX_BWD, k.blocks(rows.n(), 1), 1, 1, rowThreads(len, 1024), args);
  }

  /**
   * out[r, c] (+)= sum over s of parts[s, r, c], in order of s (deterministic). parts: contiguous
   * [splits, rows, cols]; out: rows x cols with row stride {@code outRow}, column stride 1.
   */
  static void sumParts(CudaKernels k, long out, NDArray parts, int splits, int rows, int cols, int outRow,
      boolean accumulate) {
    KernelArgs args = new KernelArgs().ptr(out).ptr(k.ptr(parts)).i32(splits).i32(rows).i32(cols).i32(outRow)
        .i32(accumulate ? 1 : 0);
    k.launch1d(Kernel.SUM_PARTS, (long) rows * cols, args);
  }
}
