package cs336.engine.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * NumPy's {@code .npy} format (versions 1.0, 2.0 and 3.0): the magic string {@code \x93NUMPY}, a
 * version, the header length, a Python dict literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }} padded with spaces to a
 * multiple of 64 bytes, then the raw little-endian elements in C order.
 *
 * <p>{@link #read} loads a file into memory; {@link #map} maps it read-only through the Foreign
 * Function & Memory API, so files larger than 2 GB work and only the pages touched are read.
 */
public final class Npy {
  private Npy() {}

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /** Reads a whole .npy file into memory. */
  public static HostArray read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    return parse(file.toString(), MemorySegment.ofArray(bytes));
  }

  /**
   * Maps a .npy file read-only. The mapping stays valid while the returned array (or its segment)
   * is reachable; nothing is copied until elements are read.
   */
  public static HostArray map(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment whole = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), Arena.ofAuto());
      return parse(file.toString(), whole);
    }
  }

  /** Writes {@code array} to {@code file} atomically. */
  public static void write(Path file, HostArray array) throws IOException {
    AtomicWrite.write(file, ch -> writeTo(ch, array));
  }

  // ---- reading ----

  /** Parses a complete .npy image; {@code source} names it in error messages. */
  static HostArray parse(String source, MemorySegment whole) throws IOException {
    long size = whole.byteSize();
    if (size < 10 || !Arrays.equals(MAGIC, whole.asSlice(0, 6).toArray(ValueLayout.JAVA_BYTE))) {
      throw new IOException(source + ": not a .npy file (it does not start with \\x93NUMPY)");
    }
    int major = whole.get(ValueLayout.JAVA_BYTE, 6);
    long headerLen, start;
    if (major == 1) {
      headerLen = whole.get(HostArray.I16, 8) & 0xFFFF;
      start = 10;
    } else if (major == 2 || major == 3) {
      if (size < 12) throw new IOException(source + ": truncated .npy header");
      headerLen = whole.get(HostArray.I32, 8) & 0xFFFFFFFFL;
      start = 12;
    } else {
      throw new IOException(source + ": unsupported .npy version " + major);
    }
    if (start + headerLen > size) {
      throw new IOException(source + ": header of " + headerLen + " bytes runs past the end of the file (" + size + " bytes)");
    }
    String header = new String(whole.asSlice(start, headerLen).toArray(ValueLayout.JAVA_BYTE),
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    NpyHeader h = NpyHeader.parse(source, header);
    long dataStart = start + headerLen;
    long need = HostArray.numel(h.shape()) * h.dtype().bytes();
    if (size - dataStart != need) {
      throw new IOException(source + ": data holds " + (size - dataStart) + " bytes but shape "
          + Arrays.toString(h.shape()) + " of " + h.dtype() + " needs " + need);
    }
    return new HostArray(h.dtype(), h.shape(), whole.asSlice(dataStart, need));
  }

  // ---- writing ----

  /** The header block (magic, version, length, padded dict) for {@code array}. */
  static byte[] header(HostArray array) {
    return header(array.dtype(), array.shape());
  }

  /** The header block for an array of {@code dtype} and {@code shape}. */
  static byte[] header(FileDType dtype, long[] shape) {
    if (dtype.npy() == null) {
      throw new IllegalArgumentException("NumPy has no dtype for " + dtype + "; convert it first");
    }
    StringBuilder dims = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) dims.append(i > 0 ? ", " : "").append(shape[i]);
    if (shape.length == 1) dims.append(',');
    dims.append(')');
    String dict = "{'descr': '" + dtype.npy() + "', 'fortran_order': False, 'shape': " + dims + ", }";
    int prefix = 10;
    int total = (prefix + dict.length() + 1 + 63) / 64 * 64;
    boolean v2 = total - prefix > 0xFFFF;
    if (v2) {
      prefix = 12;
      total = (prefix + dict.length() + 1 + 63) / 64 * 64;
    }
    String padded = dict + " ".repeat(total - prefix - dict.length() - 1) + "\n";
    ByteBuffer b = ByteBuffer.allocate(total).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) (v2 ? 2 : 1)).put((byte) 0);
    if (v2) b.putInt(padded.length()); else b.putShort((short) padded.length());
    b.put(padded.getBytes(StandardCharsets.ISO_8859_1));
    return b.array();
  }

  /** Writes header and data to {@code ch}. */
  static void writeTo(WritableByteChannel ch, HostArray array) throws IOException {
    writeFully(ch, ByteBuffer.wrap(header(array)));
    MemorySegment data = array.segment();
    long chunk = 1 << 20;
    for (long pos = 0; pos < data.byteSize(); pos += chunk) {
      writeFully(ch, data.asSlice(pos, Math.min(chunk, data.byteSize() - pos)).asByteBuffer());
    }
  }

  /** The complete .npy image of {@code array} (for arrays under 2 GB, e.g. .npz entries). */
  static byte[] toBytes(HostArray array) {
    byte[] h = header(array);
    long n = array.segment().byteSize();
    byte[] out = new byte[Math.toIntExact(h.length + n)];
    System.arraycopy(h, 0, out, 0, h.length);
    MemorySegment.copy(array.segment(), 0, MemorySegment.ofArray(out), h.length, n);
    return out;
  }

  private static void writeFully(WritableByteChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) ch.write(b);
  }
}
