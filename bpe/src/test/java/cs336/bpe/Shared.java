package cs336.bpe;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The project's shared folder ({@code ../shared}): tests that need it skip with a message where it is absent. */
public final class Shared {
  private Shared() {}

  /** {@code ../shared/<relative>}, or the test is skipped. */
  public static Path file(String relative) {
    String root = System.getProperty("cs336.shared", "../../shared");
    Path p = Path.of(root).resolve(relative);
    assumeTrue(Files.isReadable(p), () -> "skipped: " + p + " is not there (the shared folder ../shared is absent)");
    return p;
  }

  public static String text(String relative) throws IOException {
    return Files.readString(file(relative), StandardCharsets.UTF_8);
  }

  /** The first {@code n} bytes of a shared file, cut back to the end of a line. */
  public static String head(String relative, int n) throws IOException {
    byte[] all;
    try (var in = Files.newInputStream(file(relative))) {
      all = in.readNBytes(n);
    }
    int end = all.length;
    while (end > 0 && all[end - 1] != '\n') end--;
    return new String(Arrays.copyOf(all, end), StandardCharsets.UTF_8);
  }
}
