package cs336.engine.cpu.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM started without {@code --add-modules jdk.incubator.vector} still runs attention. */
class VectorApiFallbackTest {

  /** Runs one tiny forward and prints whether the Vector API was used and o[0]. */
  public static void main(String[] args) {
    float[] x = {1f, 2f, 3f, 4f};
    float[] o = new float[4], lse = new float[2];
    AttnView view = AttnView.contiguous(x, 1, 2, 2);
    FlashAttention.forward(1, 1, 2, 2, 2, 1f, true, view, view, view, AttnView.contiguous(o, 1, 2, 2), lse);
    System.out.println("vector=" + FlashAttention.usesVectorApi() + " o0=" + o[0]);
  }

  @Test
  void missingIncubatorModuleFallsBackToTheReferenceWithAHint() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path err = Files.createTempFile("fallback", ".err");
    try {
      Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
          VectorApiFallbackTest.class.getName())
          .redirectError(err.toFile())
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      String stderr = Files.readString(err);
      assertEquals(0, p.exitValue(), stderr);
      assertEquals("vector=false o0=1.0", out, stderr);
      assertTrue(stderr.contains("--add-modules jdk.incubator.vector"), stderr);
      assertEquals(1, stderr.strip().lines().count(), "one line of hint, got:\n" + stderr);
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
