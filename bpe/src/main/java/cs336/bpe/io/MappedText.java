package cs336.bpe.io;

import cs336.bpe.pretokenize.SafeCuts;
import cs336.bpe.pretokenize.SpecialTokens;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A text file of any size read through memory mappings, cut into chunks at {@link SafeCuts safe
 * places} so that chunks can be pre-tokenized independently, in parallel, with the result of one
 * pass. Each read maps just the range it needs (a {@link MemorySegment}, with offsets past 2 GB),
 * copies it into the worker's own {@code byte[]} (a memory copy, far faster than the scanning that
 * follows) and unmaps it at once: pages of a file read long ago do not stay in the process's resident
 * set, so the peak RSS does not grow with the file.
 */
public final class MappedText implements AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  private final long size;

  private MappedText(Path path, FileChannel channel, long size) {
    this.path = path;
    this.channel = channel;
    this.size = size;
  }

  /** Maps {@code file}; a missing, unreadable or empty file is a clear error. */
  public static MappedText open(Path file) throws IOException {
    if (!Files.exists(file)) throw new IllegalArgumentException(file + ": no such file");
    if (Files.isDirectory(file)) throw new IllegalArgumentException(file + ": is a directory, not a text file");
    if (!Files.isReadable(file)) throw new IllegalArgumentException(file + ": cannot read (permission denied)");
    long size = Files.size(file);
    if (size == 0) throw new IllegalArgumentException(file + ": the file is empty");
    try {
      return new MappedText(file, FileChannel.open(file, StandardOpenOption.READ), size);
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException(file + ": cannot read (permission denied)");
    }
  }

  public Path path() {
    return path;
  }

  public long size() {
    return size;
  }

  /** Copies {@code n} bytes starting at {@code offset} into {@code dst[0, n)}; thread-safe. */
  public void copy(long offset, byte[] dst, int n) {
    if (n == 0) return;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment seg = channel.map(FileChannel.MapMode.READ_ONLY, offset, n, arena);
      MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, 0, dst, 0, n);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(path + ": cannot read bytes " + offset + ".." + (offset + n), e);
    }
  }

  /** The bytes {@code [start, end)} as a new array (at most 2 GB). */
  public byte[] read(long start, long end) {
    long n = end - start;
    if (n > Integer.MAX_VALUE - 16) throw new IllegalArgumentException(path + ": a chunk of " + n + " bytes is too large");
    byte[] b = new byte[(int) n];
    copy(start, b, (int) n);
    return b;
  }

  /**
   * Chunk boundaries {@code [0, c1, c2, ..., size]}: each {@code c_k} is the first safe cut at or after
   * {@code c_{k-1} + target}. They depend only on the file, the target and the special tokens (not on
   * the number of threads), and each chunk is shorter than 2 GB.
   */
  public long[] chunkBoundaries(long target, SpecialTokens specials) {
    if (target < 1) throw new IllegalArgumentException("chunk size must be >= 1, got " + target);
    List<Long> cuts = new ArrayList<>();
    cuts.add(0L);
    long size = size();
    long pos = 0;
    while (pos + target < size) {
      long cut = nextCut(pos + target, specials);
      if (cut < 0) break;
      if (cut - pos > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException(path + ": found no place to cut the text within 2 GB after byte " + pos
            + " (a single pre-token that long cannot be handled)");
      }
      cuts.add(cut);
      pos = cut;
    }
    if (size - pos > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(path + ": found no place to cut the text within 2 GB after byte " + pos);
    }
    cuts.add(size);
    return cuts.stream().mapToLong(Long::longValue).toArray();
  }

  /** The first safe cut at or after {@code from}, or -1 if there is none before the end. */
  public long nextCut(long from, SpecialTokens specials) {
    long size = size();
    int back = Math.max(4, specials.maxLength()); // look-behind for the cut rules
    int window = 1 << 16;
    while (true) {
      long lo = Math.max(0, from - back);
      long hi = Math.min(size, from + window);
      byte[] b = read(lo, hi);
      // A special token at p must be seen whole, unless the window ends at the end of the file.
      int limit = hi == size ? b.length : b.length - specials.maxLength();
      int p = SafeCuts.firstCut(b, 0, (int) (from - lo), limit, b.length, specials);
      if (p >= 0) return lo + p;
      if (hi == size) return -1;
      if (window >= (1 << 30)) {
        from = hi - specials.maxLength();
        continue;
      }
      window *= 2;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
