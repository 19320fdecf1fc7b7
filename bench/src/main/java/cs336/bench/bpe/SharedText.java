package cs336.bench.bpe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Text from the shared folder for the benchmarks. */
final class SharedText {
  private SharedText() {}

  static Path file(String relative) {
    Path root = Path.of(System.getProperty("cs336.shared", System.getenv().getOrDefault("CS336_SHARED", "../shared")));
    Path p = root.resolve(relative);
    if (!Files.isReadable(p)) {
      throw new IllegalStateException(p.toAbsolutePath() + " is not there: run from the repository root with ../shared "
          + "beside it, or pass -Dcs336.shared=/path/to/shared (bench/jmh ... -jvmArgs -Dcs336.shared=...)");
    }
    return p;
  }

  /** The first {@code n} bytes of a shared file, cut back to the end of a line. */
  static byte[] head(String relative, int n) throws IOException {
    byte[] all;
    try (var in = Files.newInputStream(file(relative))) {
      all = in.readNBytes(n);
    }
    int end = all.length;
    while (end > 0 && all[end - 1] != '\n') end--;
    return Arrays.copyOf(all, end);
  }

  static String headString(String relative, int n) throws IOException {
    return new String(head(relative, n), StandardCharsets.UTF_8);
  }
}
