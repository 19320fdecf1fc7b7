package cs336.nn.data;

import cs336.engine.io.FileDType;
import cs336.engine.io.HostArray;
import cs336.engine.io.Npy;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * A 1-D array of token ids, usually a memory-mapped file (handout section 5.1: np.memmap), so a
 * dataset of many gigabytes costs no heap and only the pages a batch touches are read. Sizes are
 * {@code long}: files over 2 GB work.
 *
 * <p>Files: a NumPy {@code .npy} (uint16, uint32, int64, or another integer type), or a raw
 * {@code .bin} of little-endian integers whose dtype the caller names (there is no header to say).
 */
public final class TokenDataset {
  private final HostArray tokens;
  private final String source;

  private TokenDataset(HostArray tokens, String source) {
    if (tokens.rank() != 1) {
      throw new IllegalArgumentException(source + ": token array must be 1-D, got shape " + Arrays.toString(tokens.shape()));
    }
    if (tokens.dtype().isFloat() || tokens.dtype() == FileDType.BOOL) {
      throw new IllegalArgumentException(source + ": token ids must be integers, got " + tokens.dtype());
    }
    this.tokens = tokens;
    this.source = source;
  }

  /** Tokens held in memory (e.g. an array read from an .npz). */
  public static TokenDataset of(HostArray tokens) {
    return new TokenDataset(tokens, "token array");
  }

  /** Maps {@code file}: a {@code .npy}, or a raw {@code .bin} with its dtype (uint16, uint32, int32, int64, uint8). */
  public static TokenDataset open(Path file, FileDType rawDtype) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".npy")) return new TokenDataset(Npy.map(file), file.toString());
    if (rawDtype == null) {
      throw new IllegalArgumentException(file + ": a raw token file needs its dtype (uint16, uint32, int64, ...)");
    }
    return new TokenDataset(mapRaw(file, rawDtype), file.toString());
  }

  /** Maps a {@code .npy} file (a raw file needs {@link #open(Path, FileDType)}). */
  public static TokenDataset open(Path file) throws IOException {
    return open(file, null);
  }

  private static HostArray mapRaw(Path file, FileDType dtype) throws IOException {
    if (dtype.isFloat() || dtype == FileDType.BOOL) throw new IllegalArgumentException("token dtype must be an integer type");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size % dtype.bytes() != 0) {
        throw new IOException(file + ": " + size + " bytes is not a whole number of " + dtype + " tokens ("
            + dtype.bytes() + " bytes each)");
      }
      MemorySegment seg = size == 0 ? MemorySegment.ofArray(new byte[0])
          : ch.map(FileChannel.MapMode.READ_ONLY, 0, size, Arena.ofAuto());
      return new HostArray(dtype, new long[] {size / dtype.bytes()}, seg);
    }
  }

  /** Number of tokens. */
  public long size() {
    return tokens.numel();
  }

  /** The file dtype of the ids. */
  public FileDType dtype() {
    return tokens.dtype();
  }

  /** Tokens {@code [start, start + count)} as longs. */
  public long[] read(long start, int count) {
    if (start < 0 || count < 0 || start + count > size()) {
      throw new IndexOutOfBoundsException("tokens [" + start + ", " + (start + count) + ") outside " + source + " of "
          + size() + " tokens");
    }
    return tokens.readLongs(start, count);
  }

  /** Where the tokens come from (a path, for messages). */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return source + " (" + size() + " " + tokens.dtype() + " tokens)";
  }
}
