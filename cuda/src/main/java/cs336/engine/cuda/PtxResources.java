package cs336.engine.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The compiled kernels shipped in the jar: {@code cs336/engine/cuda/ptx/<module>.ptx}, one per .cu
 * file, and {@code sources.sha256} (the hash of every source they were compiled from, written by
 * scripts/build-ptx.sh, so a test can tell when the PTX is older than the C code).
 */
final class PtxResources {
  private PtxResources() {}

  static final String FOLDER = "/cs336/engine/cuda/ptx/";

  /** The PTX text of {@code module}; throws when the resource is missing. */
  static String ptx(String module) {
    return text(module + ".ptx");
  }

  /** The lines of sources.sha256 ("hash  file.cu"). */
  static String sourcesHashes() {
    return text("sources.sha256");
  }

  private static String text(String name) {
    try (InputStream in = PtxResources.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + FOLDER + name + " (run scripts/build-ptx.sh)");
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + FOLDER + name, e);
    }
  }
}
