package cs336.experiments.util;

import cs336.engine.io.AtomicWrite;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes files so that a reader (or a killed run) sees either the old file or the whole new one,
 * never half of it: the engine's {@link AtomicWrite} (temporary file beside the target, forced to
 * disk, renamed over it) with a buffered stream for text and small outputs.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Something that writes the file's bytes. */
  @FunctionalInterface
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /** Atomically replaces {@code target} with what {@code writer} writes. */
  public static void write(Path target, Writer writer) throws IOException {
    AtomicWrite.write(target, channel -> {
      OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
      writer.write(out);
      out.flush();
    });
  }

  /** Atomically replaces {@code target} with {@code text} in UTF-8. */
  public static void writeString(Path target, String text) throws IOException {
    write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }
}
