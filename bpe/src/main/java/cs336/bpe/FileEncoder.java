package cs336.bpe;

import cs336.bpe.io.MappedText;
import cs336.bpe.util.IntList;
import cs336.bpe.util.WorkerPool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Encodes a text file of any size on several threads. The file is memory-mapped and cut into chunks
 * at safe places (the same cuts the trainer uses), so the ids are exactly those of encoding the whole
 * text at once. Chunks are encoded a wave at a time (a few per thread) and handed to the sink in
 * file order, so memory stays bounded whatever the file's size.
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
      // One buffer and one encoder (with its pre-token cache) per worker, kept for the whole file.
      byte[][] buffers = new byte[threads][0];
      Encoder[] encoders = new Encoder[threads];
      for (int w = 0; w < threads; w++) encoders[w] = new Encoder(tokenizer, true);
      int wave = threads * 4;
      // The ids of each chunk of a wave, reused from wave to wave: allocating megabytes of ids per
      // chunk would make the threads queue for the heap (large arrays) and the collector.
      IntList[] ids = new IntList[wave];
      for (int k = 0; k < wave; k++) ids[k] = new IntList((int) (CHUNK / 2));
      for (int first = 0; first < chunks; first += wave) {
        int n = Math.min(wave, chunks - first);
        int base = first;
        pool.run(n, (task, worker) -> {
          int len = (int) (cuts[base + task + 1] - cuts[base + task]);
          if (buffers[worker].length < len) buffers[worker] = new byte[len];
          text.copy(cuts[base + task], buffers[worker], len);
          ids[task].clear();
          encoders[worker].encode(buffers[worker], 0, len, ids[task]);
        });
        for (int k = 0; k < n; k++) {
          sink.accept(ids[k].raw(), ids[k].size());
          tokens += ids[k].size();
        }
        progress.accept(cuts[first + n]);
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
