package cs336.engine.cpu.gemm;

/**
 * The innermost piece of the blocked GEMM: one {@code MR x NR} tile of C updated from one packed
 * panel of A and one packed panel of B. Everything else in {@link BlockedGemm} only arranges the
 * data so that this loop runs from cache with all of its accumulators in registers.
 *
 * <p>Packed layouts ({@link Packing}): the A panel holds, for each {@code p < kc}, the {@code MR}
 * values {@code A[0..MR, p]} one after another; the B panel holds, for each {@code p}, the
 * {@code NR} values {@code B[p, 0..NR]}. So step {@code p} reads {@code MR} scalars of A and
 * {@code NR} consecutive floats of B and performs an {@code MR x NR} outer-product update.
 *
 * <p>Summation order, shared by every implementation and by {@link DirectGemm}: each
 * {@code C[r, j]} is one fused multiply-add chain over {@code p} in increasing order, started from
 * C's current value ({@code addToC}) or from 0. Because a later K-block continues the chain from
 * the value the previous block stored, the result does not depend on the block sizes, the thread
 * count, or which kernel ran: every path gives the same bits.
 */
abstract class MicroKernel {
  private final int mr;
  private final int nr;

  MicroKernel(int mr, int nr) {
    this.mr = mr;
    this.nr = nr;
  }

  /** Rows of the register tile (rows of C per call). */
  final int mr() {
    return mr;
  }

  /** Columns of the register tile (columns of C per call). */
  final int nr() {
    return nr;
  }

  /**
   * {@code C[r, j] = (addToC ? C[r, j] : 0) + sum_p ap[r, p] * bp[p, j]} for {@code r < MR},
   * {@code j < NR}.
   *
   * @param ap read: packed A panel, {@code kc * MR} floats from {@code apOff}
   * @param bp read: packed B panel, {@code kc * NR} floats from {@code bpOff}
   * @param c overwritten (read first when {@code addToC}): row {@code r} of the tile starts at
   *     {@code cOff + r * ldc} and its {@code NR} columns are contiguous
   */
  abstract void run(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff,
      int ldc, boolean addToC);
}
