package cs336.engine.cuda;

import cs336.engine.BinaryOp;
import cs336.engine.NDArray;
import java.util.Arrays;

/**
 * Batched matmul on the tensor cores (matmul.cu): maps strided [..., m, k] x [..., k, n] operands
 * onto {@code gemm_tf32x3} or {@code gemm_bf16} launches (by the device's {@link Precision}) without
 * copying them. A 2-D weight shared over a batch is folded into one tall GEMM, as on the CPU. A
 * product with few output tiles and a long k (a weight gradient, dW = dY^T X with k = batch x
 * context) is split along k into partial products summed in a fixed order, so it still fills the GPU
 * and gives the same bits every run.
 */
final class CudaMatmul {
  private CudaMatmul() {}

  static final int TILE = 128;
  static final int TILE_K = 32;
  static final int THREADS = 256;
  static final int MAX_GRID_Z = 65535;

  /** How one product is cut into launches: the K split and the batch. */
  record Plan(int tilesM, int tilesN, int splits, int kChunk) {}

  /**
   * The split of k for an m x n x k product with {@code batch} independent products on a GPU with
   * {@code sms} multiprocessors: none unless one product's tiles leave most of the GPU idle and k is
   * long; then enough splits for about two blocks per multiprocessor, each at least 256 deep.
   */
  static Plan plan(int m, int n, int k, int batch, int sms) {
    int tm = (m + TILE - 1) / TILE, tn = (n + TILE - 1) / TILE;
    long tiles = (long) tm * tn;
    if (batch != 1 || tiles >= sms || k < 1024) return new Plan(tm, tn, 1, k);
    int splits = (int) Math.min((2L * sms + tiles - 1) / tiles, k / 256);
    if (splits <= 1) return new Plan(tm, tn, 1, k);
    int chunk = (k + splits - 1) / splits;
    chunk = (chunk + TILE_K - 1) / TILE_K * TILE_K;
    return new Plan(tm, tn, (k + chunk - 1) / chunk, chunk);
  }

  /** The C struct {@code Gemm} of matmul.cu (72 bytes, align 8). */
  static CStruct gemm(long a, long b, long c, int m, int n, int k, int aRow, int aCol, int bRow, int bCol, int cRow,
      boolean accumulate, int splits, int kChunk, int zBase) {
    return new CStruct(72).ptr(a).ptr(b).ptr(c).i32(m).i32(n).i32(k).i32(aRow).i32(aCol).i32(bRow).i32(bCol)
        .i32(cRow).i32(accumulate ? 1 : 0).i32(splits).i32(kChunk).i32(zBase);
  }

  static void matmul(CudaKernels kk, NDArray a, NDArray b, NDArray out, boolean accumulate) {
    int r = out.rank();
    int m = out.shape(-2), n = out.shape(-1), k = a.shape(-1);
    if (out.numel() == 0) return;
    if (out.stride(-1) != 1 && n > 1) {                  // the kernel writes C with unit column stride
      NDArray tmp = kk.scratch(out.shape());
      matmul(kk, a, b, tmp, false);
      if (accumulate) kk.binary(BinaryOp.ADD, out, tmp, out); else kk.copy(tmp, out);
      return;
    }
    int[] batch = Arrays.copyOf(out.shape(), r - 2);
    int[] as = a.strides(), bs = b.strides(), os = out.strides();
    int aRow = as[r - 2], aCol = as[r - 1], bRow = bs[r - 2], bCol = bs[r - 1], oRow = os[r - 2];
    int nb = batch.length;
    while (nb > 0 && bs[nb - 1] == 0 && as[nb - 1] == m * aRow && os[nb - 1] == m * oRow) {
      m *= batch[nb - 1];                                // fold a shared weight into one tall GEMM
      nb--;
    }
    Strided batchLoop = nb == 0 ? Strided.none()
        : Strided.of(Arrays.copyOf(batch, nb), Arrays.copyOf(as, nb), Arrays.copyOf(bs, nb), Arrays.copyOf(os, nb));
    int count = nb == 0 ? 1 : batchLoop.n();
    Kernel kernel = kk.device().precision() == Precision.BF16 ? Kernel.GEMM_BF16 : Kernel.GEMM_TF32X3;
    Plan p = plan(m, n, k, count, kk.device().multiprocessors());
    long pa = kk.ptr(a), pb = kk.ptr(b), pc = kk.ptr(out);
    if (p.splits() > 1) {
      NDArray parts = kk.scratch(p.splits(), m, n);
      KernelArgs args = new KernelArgs().struct(gemm(pa, pb, kk.ptr(parts), m, n, k, aRow, aCol, bRow, bCol, n, false,
          p.splits(), p.kChunk(), 0)).struct(batchLoop.pack());
      kk.launch(kernel, p.tilesN(), p.tilesM(), p.splits(), THREADS, args);
      CudaReduce.sumParts(kk, pc, parts, p.splits(), m, n, oRow, accumulate);
      return;
    }
    for (int z0 = 0; z0 < count; z0 += MAX_GRID_Z) {
      KernelArgs args = new KernelArgs().struct(gemm(pa, pb, pc, m, n, k, aRow, aCol, bRow, bCol, oRow, accumulate,
          1, k, z0)).struct(batchLoop.pack());
      kk.launch(kernel, p.tilesN(), p.tilesM(), Math.min(MAX_GRID_Z, count - z0), THREADS, args);
    }
  }
}
