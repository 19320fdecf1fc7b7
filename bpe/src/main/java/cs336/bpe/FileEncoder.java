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

  /** A worker's chunk buffer, reused across its tasks. */
  private static final class Buffer {
    byte[] bytes = new byte[0];
  }

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
    try (MappedText text = MappedText.open(input)) {
      long[] cuts = text.chunkBoundaries(CHUNK, tokenizer.specials());
      int chunks = cuts.length - 1;
      int wave = threads * 4;
      long done = 0;
      for (int first = 0; first < chunks; first += wave) {
        int n = Math.min(wave, chunks - first);
        IntList[] ids = new IntList[n];
        int base = first;
        WorkerPool.run(threads, n, Buffer::new, (task, buf) -> {
          int len = (int) (cuts[base + task + 1] - cuts[base + task]);
          if (buf.bytes.length < len) buf.bytes = new byte[len];
          text.copy(cuts[base + task], buf.bytes, len);
          IntList out = new IntList(len / 3 + 16);
          tokenizer.encode(buf.bytes, 0, len, out);
          ids[task] = out;
        });
        for (IntList l : ids) {
          sink.accept(l.raw(), l.size());
          tokens += l.size();
        }
        done = cuts[first + n];
        progress.accept(done);
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
