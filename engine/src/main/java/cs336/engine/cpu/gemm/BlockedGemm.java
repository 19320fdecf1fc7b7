package cs336.engine.cpu.gemm;

import cs336.engine.Parallel;
import java.util.Arrays;

/**
 * The cache-blocked GEMM driver (the Goto/BLIS loop nest) around a {@link MicroKernel}.
 *
 * <pre>
 * for jc over N in steps of NC             B block (KC x NC) stays in L3, shared by all threads
 *   for pc over K in steps of KC
 *     pack B[pc:+KC, jc:+NC]               in parallel, NR-column panels
 *     in parallel over rows (or columns) of C:
 *       for ic over my rows in steps of MC  A block (MC x KC) stays in this core's L2
 *         pack A[ic:+MC, pc:+KC]
 *         for jr over NR panels             one B panel (KC x NR) stays in L1 ...
 *           for ir over MR panels           ... while the A panels stream past it from L2
 *             micro-kernel: C[ir:+MR, jr:+NR] (+)= A panel * B panel
 * </pre>
 *
 * Each output tile is written by exactly one chunk, and its value is one FMA chain over {@code p}
 * (see {@link MicroKernel}) whichever chunk, block size or thread count computed it, so results are
 * bit-for-bit the same on every run and at every thread count.
 */
final class BlockedGemm {
  /**
   * Below this many flops per chunk, a thread's share of the work takes less time than handing it
   * over (a fork/join round trip is tens of microseconds; 8 Mflop is about 40 us on one core).
   */
  static final long FLOPS_PER_CHUNK = 8L << 20;

  /**
   * Chunks per thread when a product is split (see {@link #split}); the system property
   * {@code cs336.gemm.oversplit} overrides it for experiments.
   */
  static final int OVERSPLIT = Integer.getInteger("cs336.gemm.oversplit", 4);

  private final long minFlopsPerChunk;

  private final MicroKernel kernel;
  private final int mr;
  private final int nr;
  private final int kcMax;
  private final int mcMax;
  private final int ncMax;
  private final PackBuffers aBuffers = new PackBuffers();
  private final PackBuffers bBuffers = new PackBuffers();

  /**
   * @param kcMax depth of a K block: one B panel ({@code kcMax * NR} floats) must stay in L1
   * @param mcMax rows of an A block ({@code mcMax * kcMax} floats in L2), a multiple of MR
   * @param ncMax columns of a B block ({@code kcMax * ncMax} floats in L3), a multiple of NR
   * @param minFlopsPerChunk the least work worth a thread ({@link #FLOPS_PER_CHUNK}; tests use 1)
   */
  BlockedGemm(MicroKernel kernel, int kcMax, int mcMax, int ncMax, long minFlopsPerChunk) {
    this.kernel = kernel;
    this.mr = kernel.mr();
    this.nr = kernel.nr();
    if (kcMax < 1 || mcMax < mr || mcMax % mr != 0 || ncMax < nr || ncMax % nr != 0) {
      throw new IllegalArgumentException("bad GEMM block sizes kc=" + kcMax + " mc=" + mcMax
          + " nc=" + ncMax + " for a " + mr + "x" + nr + " micro-kernel");
    }
    this.kcMax = kcMax;
    this.mcMax = mcMax;
    this.ncMax = ncMax;
    this.minFlopsPerChunk = Math.max(1, minFlopsPerChunk);
  }

  MicroKernel kernel() {
    return kernel;
  }

  /**
   * {@code C = A B} or {@code C += A B} on up to {@code threads} threads of {@link Parallel}.
   *
   * @param a read, {@code m x k}
   * @param b read, {@code k x n}
   * @param c overwritten or accumulated, {@code m x n}, column stride 1
   */
  void multiply(int m, int n, int k, MatrixView a, MatrixView b, MatrixView c, boolean accumulate,
      int threads) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      if (!accumulate) {
        for (int i = 0; i < m; i++) {
          Arrays.fill(c.data(), c.index(i, 0), c.index(i, 0) + n, 0f);
        }
      }
      return;
    }
    // Equal-sized blocks (rather than full blocks and a runt) keep the last block efficient.
    int kc = ceilDiv(k, ceilDiv(k, kcMax));
    int nc = roundUp(ceilDiv(n, ceilDiv(n, ncMax)), nr);
    Split split = split(m, Math.min(n, nc), k, threads);
    float[] bPack = bBuffers.take(kc * nc);
    try {
      for (int jc = 0; jc < n; jc += nc) {
        int ncb = Math.min(nc, n - jc);
        int panels = ceilDiv(ncb, nr);
        for (int pc = 0; pc < k; pc += kc) {
          int kcb = Math.min(kc, k - pc);
          MatrixView bBlock = b.shift(pc, jc);
          int packChunks = Math.min(split.chunks, panels);
          Parallel.forChunks(packChunks, ch -> Packing.packB(bBlock, kcb, ncb, nr,
              Parallel.chunkStart(panels, packChunks, ch),
              Parallel.chunkStart(panels, packChunks, ch + 1), bPack));
          boolean addToC = accumulate || pc > 0;
          int jcb = jc;
          int pcb = pc;
          Parallel.forChunks(split.chunks, ch -> {
            if (split.byRows) {
              int tiles = ceilDiv(m, mr);
              int i0 = Parallel.chunkStart(tiles, split.chunks, ch) * mr;
              int i1 = Math.min(m, Parallel.chunkStart(tiles, split.chunks, ch + 1) * mr);
              macroKernel(i0, i1, 0, panels, a, pcb, kcb, bPack, jcb, ncb, c, addToC);
            } else {
              macroKernel(0, m, Parallel.chunkStart(panels, split.chunks, ch),
                  Parallel.chunkStart(panels, split.chunks, ch + 1), a, pcb, kcb, bPack, jcb, ncb,
                  c, addToC);
            }
          });
        }
      }
    } finally {
      bBuffers.give(bPack);
    }
  }

  /** How the output is cut between threads: {@code chunks} pieces of rows or of column panels. */
  private record Split(int chunks, boolean byRows) {}

  private Split split(int m, int nFirstBlock, int k, int threads) {
    if (threads <= 1) {
      return new Split(1, true);
    }
    long flops = 2L * m * nFirstBlock * k;
    // A few chunks per thread: the fork/join pool hands them out as threads come free, so a core
    // slowed by other work (a shared machine) delays the product by one small chunk, not by half of
    // it. Which thread runs a chunk never changes the result.
    int chunks = (int) Math.min((long) threads * OVERSPLIT, Math.max(1, flops / minFlopsPerChunk));
    int rowTiles = ceilDiv(m, mr);
    int colPanels = ceilDiv(nFirstBlock, nr);
    // Rows are preferred: each chunk then packs only its own rows of A. Columns are cut only when
    // C is too short to give every chunk a few row tiles (e.g. m of a handful of tokens).
    boolean byRows = rowTiles >= 4 * chunks || rowTiles >= colPanels;
    return new Split(Math.max(1, Math.min(chunks, byRows ? rowTiles : colPanels)), byRows);
  }

  /**
   * Rows {@code [i0, i1)} and B panels {@code [panelFrom, panelTo)} of the current block of C: packs
   * A in MC-row blocks and runs the micro-kernel over every tile.
   */
  private void macroKernel(int i0, int i1, int panelFrom, int panelTo, MatrixView a, int pc,
      int kc, float[] bPack, int jc, int nc, MatrixView c, boolean addToC) {
    if (i0 >= i1 || panelFrom >= panelTo) {
      return;
    }
    int mc = roundUp(ceilDiv(i1 - i0, ceilDiv(i1 - i0, mcMax)), mr);
    float[] aPack = aBuffers.take(mc * kc);
    float[] edge = null;
    float[] cd = c.data();
    int ldc = c.rowStride();
    try {
      for (int ic = i0; ic < i1; ic += mc) {
        int mcb = Math.min(mc, i1 - ic);
        Packing.packA(a.shift(ic, pc), mcb, kc, mr, aPack);
        for (int t = panelFrom; t < panelTo; t++) {
          int j = jc + t * nr;
          int cols = Math.min(nr, nc - t * nr);
          int bOff = t * kc * nr;
          for (int ir = 0; ir < mcb; ir += mr) {
            int rows = Math.min(mr, mcb - ir);
            int aOff = ir * kc;
            int cOff = c.index(ic + ir, j);
            if (rows == mr && cols == nr) {
              kernel.run(kc, aPack, aOff, bPack, bOff, cd, cOff, ldc, addToC);
            } else {
              // A partial tile runs the full kernel on a scratch tile (the packed panels are
              // zero-padded) and copies back only the part inside C.
              if (edge == null) {
                edge = new float[mr * nr];
              }
              if (addToC) {
                for (int r = 0; r < rows; r++) {
                  System.arraycopy(cd, cOff + r * ldc, edge, r * nr, cols);
                }
              }
              kernel.run(kc, aPack, aOff, bPack, bOff, edge, 0, nr, addToC);
              for (int r = 0; r < rows; r++) {
                System.arraycopy(edge, r * nr, cd, cOff + r * ldc, cols);
              }
            }
          }
        }
      }
    } finally {
      aBuffers.give(aPack);
    }
  }

  private static int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
  }

  private static int roundUp(int x, int multiple) {
    return ceilDiv(x, multiple) * multiple;
  }
}
