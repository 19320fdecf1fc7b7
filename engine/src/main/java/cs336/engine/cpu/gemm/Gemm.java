package cs336.engine.cpu.gemm;

import cs336.engine.Parallel;

/**
 * Single-precision matrix multiply on float arrays, the CPU engine's only entry point for GEMM.
 *
 * <p>Operands are strided matrices: element {@code (i, j)} of X lives at
 * {@code x[xOff + i * xRowStride + j * xColStride]}, so a transposed operand is the same array
 * with its two strides swapped and never needs a copy.
 *
 * <p>Contract (shared by every implementation, checked against {@link GemmReference}):
 * <pre>
 *   C[i, j] = (accumulate ? C[i, j] : 0) + sum_p A[i, p] * B[p, j]     i < m, j < n, p < k
 * </pre>
 * {@code c} is overwritten (or accumulated into when {@code accumulate}); {@code a} and {@code b}
 * are read and must not overlap {@code c}. Sizes may be 0. Results are deterministic: the same
 * inputs give the same bits on every run at a given {@link cs336.engine.Parallel#threads()}.
 * (This implementation gives the same bits at every thread count: each {@code C[i, j]} is one
 * fused multiply-add chain over {@code p} in increasing order, whichever path computes it.)
 *
 * <p>Dispatch by shape: tiny products run {@link DirectGemm} (no packing); everything else runs
 * {@link BlockedGemm} (packed panels, cache blocking, parallel over C) with the Vector API
 * micro-kernel, or the scalar one when {@link cs336.engine.cpu.simd.Simd#available()}
 * is false.
 */
public final class Gemm {
  private Gemm() {}

  /**
   * Products with at most this many multiply-adds skip packing: measured on one core, the direct
   * loop wins at 8 x 8 x 8 and the blocked path from 16 x 16 x 16 up (about 9 vs 4 GFLOP/s).
   */
  static final long DIRECT_MAX_MACS = 2048;

  /**
   * Products in a batch below this many flops are spread over threads one product each, instead of
   * splitting every product (a product this small gives each thread too little to amortise
   * the fork/join round trip).
   */
  static final long BATCH_PARALLEL_MAX_FLOPS = 32L << 20;

  private static final BlockedGemm BLOCKED = GemmBlocking.preferred();

  /** C = A B (or C += A B). See the class comment for the layout. */
  public static void sgemm(int m, int n, int k,
      float[] a, int aOff, int aRowStride, int aColStride,
      float[] b, int bOff, int bRowStride, int bColStride,
      float[] c, int cOff, int cRowStride, boolean accumulate) {
    GemmArgs.check("sgemm", 1, m, n, k, a, aOff, 0, aRowStride, aColStride,
        b, bOff, 0, bRowStride, bColStride, c, cOff, 0, cRowStride);
    multiply(BLOCKED, m, n, k, new MatrixView(a, aOff, aRowStride, aColStride),
        new MatrixView(b, bOff, bRowStride, bColStride), new MatrixView(c, cOff, cRowStride, 1),
        accumulate, Parallel.threads());
  }

  /**
   * {@code batch} independent products: product {@code t} uses the operands at
   * {@code aOff + t * aBatchStride}, {@code bOff + t * bBatchStride}, {@code cOff + t * cBatchStride}.
   * A batch stride of 0 broadcasts that operand over the batch (C's must not be 0 when batch > 1).
   */
  public static void sgemmBatched(int batch, int m, int n, int k,
      float[] a, int aOff, int aBatchStride, int aRowStride, int aColStride,
      float[] b, int bOff, int bBatchStride, int bRowStride, int bColStride,
      float[] c, int cOff, int cBatchStride, int cRowStride, boolean accumulate) {
    GemmArgs.check("sgemmBatched", batch, m, n, k, a, aOff, aBatchStride, aRowStride, aColStride,
        b, bOff, bBatchStride, bRowStride, bColStride, c, cOff, cBatchStride, cRowStride);
    batched(BLOCKED, batch, m, n, k, new MatrixView(a, aOff, aRowStride, aColStride), aBatchStride,
        new MatrixView(b, bOff, bRowStride, bColStride), bBatchStride,
        new MatrixView(c, cOff, cRowStride, 1), cBatchStride, accumulate, Parallel.threads());
  }

  /** One product on up to {@code threads} threads (arguments already checked). */
  static void multiply(BlockedGemm blocked, int m, int n, int k, MatrixView a, MatrixView b,
      MatrixView c, boolean accumulate, int threads) {
    if ((long) m * n * k <= DIRECT_MAX_MACS) {
      DirectGemm.multiply(m, n, k, a, b, c, accumulate);
    } else {
      blocked.multiply(m, n, k, a, b, c, accumulate, threads);
    }
  }

  /** The batched product (arguments already checked); the batch strides offset each operand. */
  static void batched(BlockedGemm blocked, int batch, int m, int n, int k,
      MatrixView a, int aBatchStride, MatrixView b, int bBatchStride,
      MatrixView c, int cBatchStride, boolean accumulate, int threads) {
    if (batch == 0 || m == 0 || n == 0) {
      return;
    }
    // A shared B with A and C stacked row after row is one tall product: [batch*m, k] x [k, n].
    // (This is a linear layer applied to a [batch, m, k] activation.) One product packs B once.
    if (batch > 1 && bBatchStride == 0 && aBatchStride == (long) m * a.rowStride()
        && cBatchStride == (long) m * c.rowStride()) {
      multiply(blocked, batch * m, n, k, a, b, c, accumulate, threads);
      return;
    }
    long flops = 2L * m * n * k;
    if (threads > 1 && batch > 1 && flops < BATCH_PARALLEL_MAX_FLOPS) {
      // Small products: whole products per thread, each run single-threaded.
      int chunks = Math.min(threads, batch);
      Parallel.forChunks(chunks, ch -> {
        for (int t = Parallel.chunkStart(batch, chunks, ch);
            t < Parallel.chunkStart(batch, chunks, ch + 1); t++) {
          multiply(blocked, m, n, k, at(a, t, aBatchStride), at(b, t, bBatchStride),
              at(c, t, cBatchStride), accumulate, 1);
        }
      });
    } else {
      for (int t = 0; t < batch; t++) {
        multiply(blocked, m, n, k, at(a, t, aBatchStride), at(b, t, bBatchStride),
            at(c, t, cBatchStride), accumulate, threads);
      }
    }
  }

  private static MatrixView at(MatrixView x, int t, int batchStride) {
    return new MatrixView(x.data(), x.off() + t * batchStride, x.rowStride(), x.colStride());
  }
}
