package cs336.experiments.data;

import cs336.experiments.util.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The first part of a large text, cut where a document ends: smaller scales train on a prefix of a
 * multi-gigabyte corpus rather than all of it.
 */
final class TextPrefix {
  private TextPrefix() {}

  private static final byte[] END = "<|endoftext|>\n".getBytes(StandardCharsets.UTF_8);

  /**
   * The length of the longest prefix of {@code file} no longer than {@code maxBytes} that ends just
   * after an {@code <|endoftext|>} line (or, when there is none in the last 1 MB before the limit,
   * at a line end; the whole limit when there is no line end either).
   */
  static long cut(Path file, long maxBytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size <= maxBytes) return size;
      int window = (int) Math.min(maxBytes, 1 << 20);
      ByteBuffer buf = ByteBuffer.allocate(window);
      long from = maxBytes - window;
      while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) { }
      byte[] b = buf.array();
      int lastLine = -1;
      for (int i = window - 1; i >= 0; i--) {
        if (b[i] != '\n') continue;
        if (lastLine < 0) lastLine = i;
        if (endsWith(b, i + 1, END)) return from + i + 1;
      }
      return lastLine >= 0 ? from + lastLine + 1 : maxBytes;
    }
  }

  private static boolean endsWith(byte[] b, int end, byte[] suffix) {
    if (end < suffix.length) return false;
    for (int i = 0; i < suffix.length; i++) if (b[end - suffix.length + i] != suffix[i]) return false;
    return true;
  }

  /** Copies the first {@code bytes} bytes of {@code from} to {@code to}, atomically. */
  static void copy(Path from, Path to, long bytes) throws IOException {
    AtomicFiles.write(to, out -> {
      try (InputStream in = Files.newInputStream(from)) {
        byte[] buf = new byte[1 << 16];
        long left = bytes;
        while (left > 0) {
          int n = in.read(buf, 0, (int) Math.min(buf.length, left));
          if (n < 0) throw new IOException(from + " shrank while it was copied");
          out.write(buf, 0, n);
          left -= n;
        }
      }
    });
  }
}
