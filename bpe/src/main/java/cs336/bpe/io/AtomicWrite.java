package cs336.bpe.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see the old file or the whole new one: a temporary file beside the
 * target, flushed to disk, then renamed over it. (The bpe module stands alone, so it has its own.)
 */
public final class AtomicWrite {
  private AtomicWrite() {}

  /** Writes the file's bytes to the stream it is given. */
  @FunctionalInterface
  public interface Body {
    void write(OutputStream out) throws IOException;
  }

  /** Atomically replaces {@code target} with what {@code body} writes. */
  public static void write(Path target, Body body) throws IOException {
    Path tmp = tempBeside(target);
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
           OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
        body.write(out);
        out.flush();
        ch.force(true);
      }
      moveInto(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A new empty temporary file in {@code target}'s folder (created if needed). */
  public static Path tempBeside(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    return Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
  }

  /** Renames {@code tmp} to {@code target}, atomically where the file system can. */
  public static void moveInto(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
