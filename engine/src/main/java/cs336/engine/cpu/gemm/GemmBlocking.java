package cs336.engine.cpu.gemm;

import cs336.engine.cpu.simd.Simd;

/**
 * The block sizes of {@link BlockedGemm} for each micro-kernel, and why.
 *
 * <p>Tuned on an AMD EPYC (Zen 5: 48 KiB L1d and 1 MiB L2 per core, 32 MiB L3) with AVX-512, where
 * the SIMD tile is 6 x 32 floats:
 * <ul>
 *   <li>KC = 256: one B panel is KC x NR x 4 bytes = 32 KiB, two thirds of L1, leaving room for
 *       the A panel streaming past (6 KiB) and C's tile; a deeper KC also amortises loading and
 *       storing C's tile once per K block.
 *   <li>MC = 192 rows: the A block (MC x KC x 4 = 192 KiB) sits in L2 with room for the B block's
 *       lines passing through on their way to L1.
 *   <li>NC = 4096 columns: the packed B block (KC x NC x 4 = 4 MiB) is shared by all threads from
 *       L3 and is re-read once per A block.
 * </ul>
 * With AVX2 (8 lanes) the same KC gives a 16 KiB B panel, still an L1 fit.
 */
final class GemmBlocking {
  private GemmBlocking() {}

  static final int KC = 256;
  static final int MC = 192;
  static final int NC = 4096;

  /**
   * The Vector API driver when {@link Simd#available()}, else the scalar one (after
   * {@link Simd#hintOnce()}).
   */
  static BlockedGemm preferred() {
    if (Simd.available()) {
      return simd();
    }
    Simd.hintOnce();
    return scalar();
  }

  /** The Vector API driver; call only when the Vector API is available. */
  private static BlockedGemm simd() {
    MicroKernel k = new SimdMicroKernel();
    return new BlockedGemm(k, KC, roundDown(MC, k.mr()), roundDown(NC, k.nr()),
        BlockedGemm.FLOPS_PER_CHUNK);
  }

  /** The scalar fallback driver (4 x 8 tiles). */
  static BlockedGemm scalar() {
    MicroKernel k = new ScalarMicroKernel();
    return new BlockedGemm(k, KC, roundDown(MC, k.mr()), roundDown(NC, k.nr()),
        BlockedGemm.FLOPS_PER_CHUNK);
  }

  private static int roundDown(int x, int multiple) {
    return Math.max(multiple, x / multiple * multiple);
  }
}
