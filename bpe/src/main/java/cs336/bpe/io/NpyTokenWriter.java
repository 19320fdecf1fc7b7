package cs336.bpe.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams token ids into a NumPy {@code .npy} file (format version 1.0): a one-dimensional array of
 * {@code uint16} when every id fits (vocabulary size at most 65,536), else {@code uint32}, little
 * endian, which {@code numpy.load(path, mmap_mode='r')} maps without reading it. The length is not
 * known until the end, so the header is written with room to spare and rewritten by {@link #close};
 * the data goes to a temporary file beside the target, renamed into place only when complete.
 */
public final class NpyTokenWriter implements AutoCloseable {
  /** Header size, magic included: a multiple of 64 with room for any 1-D shape. */
  static final int HEADER_BYTES = 128;

  private final Path target;
  private final Path tmp;
  private final FileChannel ch;
  private final int bytesPerId;
  private final long maxId;
  private final ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
  private long count;
  private boolean closed;

  private NpyTokenWriter(Path target, int vocabSize) throws IOException {
    if (vocabSize < 1) throw new IllegalArgumentException("vocabulary size must be >= 1, got " + vocabSize);
    this.target = target;
    this.bytesPerId = vocabSize <= 65536 ? 2 : 4;
    this.maxId = vocabSize - 1L;
    this.tmp = AtomicWrite.tempBeside(target);
    this.ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
    ch.write(ByteBuffer.wrap(header(bytesPerId, 0)));
  }

  /** Starts writing {@code target} for ids of a vocabulary of {@code vocabSize} tokens. */
  public static NpyTokenWriter open(Path target, int vocabSize) throws IOException {
    return new NpyTokenWriter(target, vocabSize);
  }

  /** The NumPy dtype this writer uses: {@code "<u2"} or {@code "<u4"}. */
  public String dtype() {
    return bytesPerId == 2 ? "<u2" : "<u4";
  }

  /** Ids written so far. */
  public long count() {
    return count;
  }

  /** Appends {@code ids[off, off + n)}. */
  public void write(int[] ids, int off, int n) throws IOException {
    for (int i = off; i < off + n; i++) {
      int id = ids[i];
      if (id < 0 || id > maxId) throw new IllegalArgumentException("token id " + id + " is outside the vocabulary (0.." + maxId + ")");
      if (buf.remaining() < 4) flush();
      if (bytesPerId == 2) buf.putShort((short) id);
      else buf.putInt(id);
    }
    count += n;
  }

  private void flush() throws IOException {
    buf.flip();
    while (buf.hasRemaining()) ch.write(buf);
    buf.clear();
  }

  /** Finishes the file: writes the final header, flushes to disk, renames it into place. */
  @Override
  public void close() throws IOException {
    if (closed) return;
    closed = true;
    try {
      flush();
      ch.write(ByteBuffer.wrap(header(bytesPerId, count)), 0);
      ch.force(true);
      ch.close();
      AtomicWrite.moveInto(tmp, target);
    } finally {
      ch.close();
      Files.deleteIfExists(tmp);
    }
  }

  /** Drops the partial file (after an error); the target is left as it was. */
  public void abort() throws IOException {
    if (closed) return;
    closed = true;
    ch.close();
    Files.deleteIfExists(tmp);
  }

  /** The .npy header for a 1-D array of {@code n} unsigned ints of the given width. */
  static byte[] header(int bytesPerId, long n) {
    String dict = "{'descr': '" + (bytesPerId == 2 ? "<u2" : "<u4") + "', 'fortran_order': False, 'shape': (" + n + ",), }";
    int headerLen = HEADER_BYTES - 10;
    StringBuilder sb = new StringBuilder(dict);
    while (sb.length() < headerLen - 1) sb.append(' ');
    sb.append('\n');
    byte[] h = new byte[HEADER_BYTES];
    h[0] = (byte) 0x93;
    System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, h, 1, 5);
    h[6] = 1; // version 1.0
    h[7] = 0;
    h[8] = (byte) (headerLen & 0xFF);
    h[9] = (byte) (headerLen >>> 8);
    System.arraycopy(sb.toString().getBytes(StandardCharsets.US_ASCII), 0, h, 10, headerLen);
    return h;
  }
}
