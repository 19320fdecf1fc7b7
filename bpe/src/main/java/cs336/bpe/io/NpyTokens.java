package cs336.bpe.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a one-dimensional array of token ids from a NumPy {@code .npy} file (versions 1 to 3),
 * little-endian unsigned or signed integers of 1, 2, 4 or 8 bytes, in chunks so that arrays of any
 * length decode in constant memory. Anything else (another dtype, more dimensions, Fortran order, a
 * truncated file) is a clear error naming the file.
 */
public final class NpyTokens {
  private NpyTokens() {}

  /** Receives ids in order, a chunk at a time: {@code ids[0, n)}. */
  @FunctionalInterface
  public interface Chunk {
    void accept(int[] ids, int n) throws IOException;
  }

  /** The array's header: element type and length. */
  public record Header(char kind, int width, long length, long dataOffset) {}

  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<|])([ui])([1248])'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(\\s*(\\d+)\\s*,?\\s*\\)");

  /** Reads and checks the header of {@code file}. */
  public static Header header(Path file) throws IOException {
    try (FileChannel ch = open(file)) {
      return header(file, ch);
    }
  }

  private static FileChannel open(Path file) throws IOException {
    try {
      return FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file");
    }
  }

  private static Header header(Path file, FileChannel ch) throws IOException {
    ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    ch.read(pre, 0);
    pre.flip();
    if (pre.remaining() < 10 || (pre.get(0) & 0xFF) != 0x93 || !"NUMPY".equals(ascii(pre, 1, 5))) {
      throw new IllegalArgumentException(file + ": not a .npy file (no \\x93NUMPY magic)");
    }
    int major = pre.get(6);
    long headerLen;
    int start;
    if (major == 1) {
      headerLen = pre.getShort(8) & 0xFFFF;
      start = 10;
    } else if (major == 2 || major == 3) {
      headerLen = pre.getInt(8) & 0xFFFFFFFFL;
      start = 12;
    } else {
      throw new IllegalArgumentException(file + ": unsupported .npy version " + major);
    }
    ByteBuffer hb = ByteBuffer.allocate((int) Math.min(headerLen, 1 << 20));
    ch.read(hb, start);
    String dict = new String(hb.array(), 0, hb.position(), StandardCharsets.ISO_8859_1);
    Matcher d = DESCR.matcher(dict);
    Matcher f = FORTRAN.matcher(dict);
    Matcher s = SHAPE.matcher(dict);
    if (!d.find()) throw new IllegalArgumentException(file + ": dtype is not a little-endian integer type (header " + dict.strip() + ")");
    if (f.find() && f.group(1).equals("True")) throw new IllegalArgumentException(file + ": Fortran-ordered arrays are not supported");
    if (!s.find()) throw new IllegalArgumentException(file + ": expected a one-dimensional array (header " + dict.strip() + ")");
    int width = Integer.parseInt(d.group(3));
    if (d.group(1).equals("|") != (width == 1)) throw new IllegalArgumentException(file + ": bad byte order for dtype in " + dict.strip());
    long length = Long.parseLong(s.group(1));
    long offset = start + headerLen;
    if (ch.size() < offset + length * width) {
      throw new IllegalArgumentException(file + ": truncated: header says " + length + " elements but the file has "
          + Math.max(0, (ch.size() - offset) / width));
    }
    return new Header(d.group(2).charAt(0), width, length, offset);
  }

  private static String ascii(ByteBuffer b, int off, int n) {
    byte[] x = new byte[n];
    for (int i = 0; i < n; i++) x[i] = b.get(off + i);
    return new String(x, StandardCharsets.US_ASCII);
  }

  /** Reads the ids of {@code file} in order, in chunks of up to {@code chunk} ids. */
  public static void read(Path file, int chunk, Chunk out) throws IOException {
    try (FileChannel ch = open(file)) {
      Header h = header(file, ch);
      ByteBuffer buf = ByteBuffer.allocate(chunk * h.width()).order(ByteOrder.LITTLE_ENDIAN);
      int[] ids = new int[chunk];
      long pos = h.dataOffset();
      long left = h.length();
      while (left > 0) {
        int n = (int) Math.min(chunk, left);
        buf.clear().limit(n * h.width());
        while (buf.hasRemaining()) {
          if (ch.read(buf, pos + buf.position()) < 0) throw new IllegalArgumentException(file + ": truncated");
        }
        buf.flip();
        for (int i = 0; i < n; i++) ids[i] = element(buf, h, file);
        out.accept(ids, n);
        pos += (long) n * h.width();
        left -= n;
      }
    }
  }

  /** Reads all ids of {@code file} (for arrays that fit in memory). */
  public static int[] readAll(Path file) throws IOException {
    Header h = header(file);
    if (h.length() > Integer.MAX_VALUE - 16) throw new IllegalArgumentException(file + ": too long to read into one array");
    int[] all = new int[(int) h.length()];
    int[] at = {0};
    read(file, 1 << 16, (ids, n) -> {
      System.arraycopy(ids, 0, all, at[0], n);
      at[0] += n;
    });
    return all;
  }

  private static int element(ByteBuffer buf, Header h, Path file) {
    long v = switch (h.width()) {
      case 1 -> h.kind() == 'u' ? buf.get() & 0xFF : buf.get();
      case 2 -> h.kind() == 'u' ? buf.getShort() & 0xFFFF : buf.getShort();
      case 4 -> h.kind() == 'u' ? buf.getInt() & 0xFFFFFFFFL : buf.getInt();
      default -> buf.getLong();
    };
    if (v < 0 || v > Integer.MAX_VALUE) throw new IllegalArgumentException(file + ": value " + v + " is not a token id");
    return (int) v;
  }
}
