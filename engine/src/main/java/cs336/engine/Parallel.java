package cs336.engine;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's thread pool: a sized {@link ForkJoinPool} and one way to split work over it.
 *
 * <p>Determinism: {@link #forRange} cuts {@code [0, n)} into chunks whose boundaries depend only
 * on {@code n}, {@code minChunk} and the thread count, never on timing. A kernel that writes each
 * output from exactly one chunk, and reduces per-chunk partials in chunk order, therefore gives the
 * same bits on every run at a given thread count.
 *
 * <p>The thread count defaults to the number of cores; set it with the system property
 * {@code cs336.threads} or {@link #setThreads} (tests and benchmarks compare 1 and 2 threads).
 */
public final class Parallel {
  private Parallel() {}

  /** The body of a parallel loop: processes indices {@code [start, end)}. */
  @FunctionalInterface
  public interface RangeBody {
    void run(int start, int end);
  }

  private static volatile ForkJoinPool pool;
  private static volatile int threads = defaultThreads();

  private static int defaultThreads() {
    String p = System.getProperty("cs336.threads");
    if (p != null && !p.isBlank()) {
      try {
        int n = Integer.parseInt(p.strip());
        if (n >= 1) return n;
      } catch (NumberFormatException ignored) {
        // fall through to the default
      }
      throw new IllegalArgumentException("cs336.threads must be a positive integer, got '" + p + "'");
    }
    return Runtime.getRuntime().availableProcessors();
  }

  /** The number of threads parallel kernels use (at least 1). */
  public static int threads() {
    return threads;
  }

  /** Sets the number of threads parallel kernels use; takes effect for the next parallel loop. */
  public static synchronized void setThreads(int n) {
    if (n < 1) throw new IllegalArgumentException("thread count must be >= 1, got " + n);
    if (n == threads) return;
    ForkJoinPool old = pool;
    pool = null;
    threads = n;
    if (old != null) old.shutdown();
  }

  private static ForkJoinPool pool() {
    ForkJoinPool p = pool;
    if (p == null) {
      synchronized (Parallel.class) {
        p = pool;
        if (p == null) {
          AtomicInteger id = new AtomicInteger();
          p = new ForkJoinPool(threads, fj -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(fj);
            t.setName("cs336-worker-" + id.getAndIncrement());
            t.setDaemon(true);
            return t;
          }, null, false);
          pool = p;
        }
      }
    }
    return p;
  }

  /**
   * The number of chunks {@link #forRange} cuts {@code n} items into: one per thread, fewer when
   * a chunk would hold under {@code minChunk} items. A function of its arguments only.
   */
  public static int chunkCount(int n, int minChunk) {
    if (n <= 0) return 0;
    int byGrain = (int) Math.max(1, n / (long) Math.max(1, minChunk));
    return Math.min(threads, byGrain);
  }

  /** Start of chunk {@code c} of {@code chunks} over {@code n} items (chunk c is [start(c), start(c+1))). */
  public static int chunkStart(int n, int chunks, int c) {
    return (int) ((long) n * c / chunks);
  }

  /**
   * Runs {@code body} over {@code [0, n)} split into {@link #chunkCount} contiguous chunks, in
   * parallel, and returns when all are done. The calling thread runs the first chunk itself. Small
   * loops (one chunk) run inline with no task overhead.
   */
  public static void forRange(int n, int minChunk, RangeBody body) {
    int chunks = chunkCount(n, minChunk);
    if (chunks == 0) return;
    if (chunks == 1) {
      body.run(0, n);
      return;
    }
    forChunks(chunks, c -> body.run(chunkStart(n, chunks, c), chunkStart(n, chunks, c + 1)));
  }

  /** The body of {@link #forChunks}: processes chunk {@code c}. */
  @FunctionalInterface
  public interface ChunkBody {
    void run(int c);
  }

  /**
   * Runs {@code body(c)} for every {@code c} in {@code [0, chunks)} in parallel. Use it when a
   * kernel decides its own chunking (e.g. GEMM blocks) or keeps one partial result per chunk.
   */
  public static void forChunks(int chunks, ChunkBody body) {
    if (chunks <= 0) return;
    if (chunks == 1 || threads == 1) {
      for (int c = 0; c < chunks; c++) body.run(c);
      return;
    }
    RecursiveAction[] tasks = new RecursiveAction[chunks - 1];
    Runnable all = () -> {
      for (int c = 1; c < chunks; c++) {
        final int cc = c;
        tasks[c - 1] = new RecursiveAction() {
          @Override
          protected void compute() {
            body.run(cc);
          }
        };
        tasks[c - 1].fork();
      }
      body.run(0);
      for (int c = chunks - 1; c >= 1; c--) {
        tasks[c - 1].join();
      }
    };
    if (ForkJoinTask.inForkJoinPool() && ForkJoinTask.getPool() == pool) {
      all.run();
    } else {
      pool().invoke(new RecursiveAction() {
        @Override
        protected void compute() {
          all.run();
        }
      });
    }
  }
}
