package cs336.engine.cpu;

import cs336.engine.Parallel;

/**
 * The kernels' parallel loop: {@link Parallel#forRange} cut finer, into up to
 * {@link #CHUNKS_PER_THREAD} chunks per thread, so that a thread whose core is busy with another
 * process does not hold the others back (the idle threads take the remaining chunks). Chunk
 * boundaries still depend only on n, minChunk and the thread count, never on timing.
 */
public final class Split {
  private Split() {}

  public static final int CHUNKS_PER_THREAD = 4;

  /** The number of chunks {@link #forRange} uses. */
  public static int chunks(int n, int minChunk) {
    if (n <= 0) return 0;
    int threads = Parallel.threads();
    if (threads == 1) return 1;
    long byGrain = Math.max(1, n / (long) Math.max(1, minChunk));
    return (int) Math.min((long) threads * CHUNKS_PER_THREAD, byGrain);
  }

  /** Runs {@code body} over {@code [0, n)} in {@link #chunks} contiguous chunks, in parallel. */
  public static void forRange(int n, int minChunk, Parallel.RangeBody body) {
    int chunks = chunks(n, minChunk);
    if (chunks == 0) return;
    if (chunks == 1) {
      body.run(0, n);
      return;
    }
    Parallel.forChunks(chunks, c -> body.run(Parallel.chunkStart(n, chunks, c), Parallel.chunkStart(n, chunks, c + 1)));
  }
}
