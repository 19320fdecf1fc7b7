package cs336.bpe;

import cs336.bpe.io.MappedText;
import cs336.bpe.util.IntList;
import cs336.bpe.util.WorkerPool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Encodes a text file of any size on several threads. The file is memory-mapped and cut into chunks
 * at safe places (the same cuts the trainer uses), so the ids are exactly those of encoding the whole
 * text at once. A few chunks per thread are in flight at a time and their ids go to the sink in file
 * order, so memory stays bounded whatever the file's size.
 */
public final class FileEncoder {
  private FileEncoder() {}

  /** Chunk size: large enough to amortize a task, small enough to balance two cores. */
  static final long CHUNK = 1 << 20;

  /** What an encoding run read and wrote. */
  public record Stats(long bytes, long tokens, double seconds) {
    /** Bytes per token: the compression ratio. */
    public double bytesPerToken() {
      return tokens == 0 ? 0 : (double) bytes / tokens;
    }

    public double bytesPerSecond() {
      return bytes / Math.max(seconds, 1e-9);
    }
  }

  /**
   * Encodes {@code input} with {@code threads} threads, passing the ids to {@code sink} in order and
   * the number of bytes done so far to {@code progress}.
   */
  public static Stats encode(Tokenizer tokenizer, Path input, int threads, Tokenizer.IdSink sink, LongConsumer progress)
      throws IOException {
    long t0 = System.nanoTime();
    long tokens = 0;
    try (MappedText text = MappedText.open(input); WorkerPool pool = new WorkerPool(threads)) {
      long[] cuts = text.chunkBoundaries(CHUNK, tokenizer.specials());
      int chunks = cuts.length - 1;
      // Each thread has its own buffer and encoder (with its pre-token cache) for the whole file.
      ThreadLocal<byte[][]> buffers = ThreadLocal.withInitial(() -> new byte[1][0]);
      ThreadLocal<Encoder> encoders = ThreadLocal.withInitial(() -> new Encoder(tokenizer, true));
      // A pipeline: up to `window` chunks in flight, their ids handed to the sink in file order as
      // they complete. The id buffers go round: allocating megabytes of ids per chunk would make the
      // threads queue for the heap.
      int window = threads * 4;
      ArrayDeque<IntList> free = new ArrayDeque<>();
      for (int k = 0; k < window; k++) free.add(new IntList((int) (CHUNK / 3)));
      ArrayDeque<Future<IntList>> inFlight = new ArrayDeque<>();
      int next = 0;
      while (next < chunks || !inFlight.isEmpty()) {
        while (next < chunks && !free.isEmpty()) {
          int k = next++;
          IntList out = free.poll();
          inFlight.add(pool.submit(() -> {
            int len = (int) (cuts[k + 1] - cuts[k]);
            byte[][] buf = buffers.get();
            if (buf[0].length < len) buf[0] = new byte[len];
            text.copy(cuts[k], buf[0], len);
            out.clear();
            encoders.get().encode(buf[0], 0, len, out);
            return out;
          }));
        }
        IntList done = WorkerPool.await(inFlight.poll());
        sink.accept(done.raw(), done.size());
        tokens += done.size();
        free.add(done);
        progress.accept(cuts[next - inFlight.size()]);
      }
      return new Stats(text.size(), tokens, (System.nanoTime() - t0) / 1e9);
    }
  }

  /** Encodes a whole (small) file into an array, on {@code threads} threads. */
  public static int[] encodeToArray(Tokenizer tokenizer, Path input, int threads) throws IOException {
    IntList all = new IntList(1 << 16);
    encode(tokenizer, input, threads, (ids, n) -> all.addAll(ids, 0, n), done -> {});
    return Arrays.copyOf(all.raw(), all.size());
  }
}
