package cs336.engine.cpu.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Without {@code --add-modules jdk.incubator.vector} GEMM still works, on the scalar kernel, after
 * one line saying how to enable the Vector API. Runs {@link NoVectorMain} in a child JVM.
 */
class GemmFallbackTest {

  @Test
  void missingVectorModuleFallsBackToScalarWithAHint() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = location(Gemm.class) + File.pathSeparator + location(NoVectorMain.class);
    Process p = new ProcessBuilder(List.of(java, "-cp", classPath, NoVectorMain.class.getName()))
        .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "child failed:\n" + out + err);
    assertTrue(out.startsWith("scalar") && out.strip().endsWith("ok"), out + err);
    assertTrue(err.contains("--add-modules=jdk.incubator.vector"), "no hint on stderr: " + err);
    assertEquals(1, err.lines().filter(l -> l.contains("Vector API")).count(), err);
  }

  private static String location(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
