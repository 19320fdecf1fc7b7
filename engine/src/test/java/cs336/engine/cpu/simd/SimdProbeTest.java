package cs336.engine.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without --add-modules jdk.incubator.vector the engine runs on the scalar kernels and says why, once. */
class SimdProbeTest {
  @Test
  void aJvmWithoutTheVectorApiFallsBackToScalarWithAHint() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        FallbackMain.class.getName())).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.waitFor(), err);
    assertEquals("scalar 0.75", out);
    assertEquals(1, err.lines().filter(l -> l.contains("--add-modules=jdk.incubator.vector")).count(), err);
  }

  @Test
  void thisJvmHasTheVectorApi() {
    assertTrue(Simd.available(), "Surefire runs tests with --add-modules jdk.incubator.vector");
    assertTrue(Simd.kernelsOrNull() instanceof SimdKernels);
  }
}
