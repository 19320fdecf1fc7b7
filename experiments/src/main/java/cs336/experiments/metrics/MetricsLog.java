package cs336.experiments.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends {@link MetricsEntry} lines to {@code runs/<name>/metrics.jsonl}, one write and one flush
 * per line, so that a run killed at any moment leaves every earlier line intact.
 *
 * <pre>{@code
 * try (MetricsLog log = MetricsLog.open(runDir)) {
 *   log.append(new MetricsEntry(step, tokens, seconds, loss, null, lr, gradNorm, tokensPerS));
 * }
 * }</pre>
 *
 * Opening an existing file appends to it (a resumed run continues the same log); a partial last
 * line left by a killed run is cut off first, so the next line starts on a line of its own.
 */
public final class MetricsLog implements AutoCloseable {

  /** The file name inside a run directory. */
  public static final String FILE_NAME = "metrics.jsonl";

  private final Path file;
  private final FileChannel channel;

  private MetricsLog(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Opens {@code runDir/metrics.jsonl} for appending, creating the directory and file if needed. */
  public static MetricsLog open(Path runDir) throws IOException {
    Files.createDirectories(runDir);
    Path file = runDir.resolve(FILE_NAME);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      ch.truncate(endOfLastCompleteLine(ch));
      ch.position(ch.size());
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    return new MetricsLog(file, ch);
  }

  /** The file this log appends to. */
  public Path file() {
    return file;
  }

  /** Writes {@code entry} as one JSON line and hands it to the operating system before returning. */
  public void append(MetricsEntry entry) throws IOException {
    byte[] json = MetricsJson.MAPPER.writeValueAsBytes(entry);
    ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
    while (line.hasRemaining()) {
      channel.write(line);
    }
    // A FileChannel has no user-space buffer: the line is in the OS page cache now and survives
    // the process being killed. (Forcing it to the disk on every step would cost a sync per line.)
  }

  /** {@link #append} for callers that cannot throw IOException (e.g. a progress callback). */
  public void appendUnchecked(MetricsEntry entry) {
    try {
      append(entry);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** The length of the file up to and including its last '\n' (0 when it has none). */
  private static long endOfLastCompleteLine(FileChannel ch) throws IOException {
    long pos = ch.size();
    ByteBuffer buf = ByteBuffer.allocate(4096);
    while (pos > 0) {
      int n = (int) Math.min(buf.capacity(), pos);
      buf.clear().limit(n);
      while (buf.hasRemaining()) {
        if (ch.read(buf, pos - n + buf.position()) < 0) {
          throw new IOException("file shrank while reading its end");
        }
      }
      for (int i = n - 1; i >= 0; i--) {
        if (buf.get(i) == '\n') {
          return pos - n + i + 1;
        }
      }
      pos -= n;
    }
    return 0;
  }
}
