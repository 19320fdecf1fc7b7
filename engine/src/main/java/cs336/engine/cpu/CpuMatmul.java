package cs336.engine.cpu;

import static cs336.engine.cpu.CpuStorage.floats;

import cs336.engine.BinaryOp;
import cs336.engine.NDArray;
import cs336.engine.cpu.gemm.Gemm;
import java.util.Arrays;

/**
 * Batched matmul on the CPU: maps strided [..., m, k] x [..., k, n] operands onto {@link Gemm}
 * calls without copying them. Shared by the scalar and SIMD kernels (GEMM is its own package).
 */
public final class CpuMatmul {
  private CpuMatmul() {}

  /** See {@link cs336.engine.Kernels#matmul}. */
  public static void matmul(NDArray a, NDArray b, NDArray out, boolean accumulate) {
    int r = out.rank();
    int m = out.shape(-2), n = out.shape(-1), k = a.shape(-1);
    if (out.numel() == 0) return;
    if (out.stride(-1) != 1 && n > 1) {                 // GEMM writes C with unit column stride
      NDArray tmp = NDArray.zeros(out.shape());
      matmul(a, b, tmp, false);
      if (accumulate) out.kernels().binary(BinaryOp.ADD, out, tmp, out); else out.kernels().copy(tmp, out);
      return;
    }
    int[] batch = Arrays.copyOf(out.shape(), r - 2);
    int[] as = a.strides(), bs = b.strides(), os = out.strides();
    int aRow = as[r - 2], aCol = as[r - 1], bRow = bs[r - 2], bCol = bs[r - 1], oRow = os[r - 2];
    // Fold the innermost batch dimension into m when b is shared over it and a and out are
    // stacked rows: one tall GEMM runs faster than many short ones.
    int nb = batch.length;
    while (nb > 0 && bs[nb - 1] == 0 && as[nb - 1] == m * aRow && os[nb - 1] == m * oRow) {
      m *= batch[nb - 1];
      nb--;
    }
    float[] A = floats(a), B = floats(b), C = floats(out);
    int mm = m;
    if (nb == 0) {
      Gemm.sgemm(mm, n, k, A, a.offset(), aRow, aCol, B, b.offset(), bRow, bCol, C, out.offset(), oRow, accumulate);
      return;
    }
    int[] bShape = Arrays.copyOf(batch, nb);
    Loop loop = Loop.of(bShape, new int[][] {Arrays.copyOf(as, nb), Arrays.copyOf(bs, nb), Arrays.copyOf(os, nb)},
        new int[] {a.offset(), b.offset(), out.offset()});
    int sa = loop.innerStride(0), sb = loop.innerStride(1), so = loop.innerStride(2);
    loop.forSegments(0, loop.size(), (o, len) -> Gemm.sgemmBatched(len, mm, n, k,
        A, o[0], sa, aRow, aCol, B, o[1], sb, bRow, bCol, C, o[2], so, oRow, accumulate));
  }
}
