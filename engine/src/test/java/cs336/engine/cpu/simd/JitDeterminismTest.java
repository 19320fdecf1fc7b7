package cs336.engine.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.engine.AdamWStep;
import cs336.engine.BinaryOp;
import cs336.engine.Kernels;
import cs336.engine.NDArray;
import cs336.engine.ReduceOp;
import cs336.engine.UnaryOp;
import cs336.engine.cpu.CpuDevice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernels give the same bits interpreted and C2-compiled. A training run resumed in a new
 * JVM (whose kernels start interpreted) must repeat the uninterrupted run to the last digit, which
 * the Vector API does not promise for {@code reduceLanes(ADD)} or {@code lanewise(EXP)}; see
 * {@link Lanes}. This test runs every float kernel of the training step in a child JVM with
 * {@code -Xint} (the Vector API's Java fallback) and compares its bits with this JVM's after the
 * kernels have been warmed up until C2 compiled them.
 */
class JitDeterminismTest {
  static final int ROWS = 6, COLS = 3 * 16 + 5;

  /** One fingerprint line per kernel: name and a hash of the raw bits of its outputs. */
  static List<String> fingerprints() {
    Kernels k = CpuDevice.CPU.kernels();
    Random rng = new Random(7);
    NDArray x = NDArray.randn(rng, ROWS, COLS).mul(3f), y = NDArray.randn(rng, ROWS, COLS);
    NDArray w = NDArray.randn(rng, COLS), out = NDArray.zeros(ROWS, COLS), out2 = NDArray.zeros(ROWS, COLS);
    List<String> lines = new ArrayList<>();
    for (UnaryOp op : new UnaryOp[] {UnaryOp.EXP, UnaryOp.SIGMOID, UnaryOp.SILU, UnaryOp.RSQRT}) {
      k.unary(op, op == UnaryOp.RSQRT ? x.abs() : x, out);
      lines.add(line("unary " + op, out));
    }
    k.binary(BinaryOp.MUL, x, y, out);
    lines.add(line("mul", out));
    NDArray rowSum = NDArray.zeros(ROWS, 1);
    k.reduce(ReduceOp.SUM, x, rowSum);
    lines.add(line("sum rows", rowSum));
    k.softmax(x, 1, out);
    k.softmaxBackward(out, y, 1, out2);
    lines.add(line("softmax", out, out2));
    k.logSoftmax(x, 1, out);
    k.logSoftmaxBackward(out, y, 1, out2);
    lines.add(line("logSoftmax", out, out2));
    NDArray rstd = NDArray.zeros(ROWS), dw = NDArray.zeros(COLS);
    k.rmsNorm(x, w, 1e-5f, out, rstd);
    k.rmsNormBackward(x, w, rstd, y, out2, dw);
    lines.add(line("rmsNorm", out, rstd, out2, dw));
    k.silu(x, out);
    k.siluBackward(x, y, out2);
    lines.add(line("silu", out, out2));
    NDArray da = NDArray.zeros(ROWS, COLS), db = NDArray.zeros(ROWS, COLS);
    k.swiglu(x, y, out);
    k.swigluBackward(x, y, w.unsqueeze(0).expand(ROWS, COLS).contiguous(), da, db);
    lines.add(line("swiglu", out, da, db));
    long[] t = new long[ROWS];
    for (int i = 0; i < ROWS; i++) t[i] = (i * 17) % COLS;
    NDArray targets = NDArray.ofLongs(t, ROWS), losses = NDArray.zeros(ROWS), lse = NDArray.zeros(ROWS);
    k.crossEntropy(x, targets, losses, lse);
    k.crossEntropyBackward(x, targets, lse, 0.25f, out);
    lines.add(line("crossEntropy", losses, lse, out));
    NDArray q = NDArray.randn(rng, 2, 2, 19, 16), kk = NDArray.randn(rng, 2, 2, 19, 16), v = NDArray.randn(rng, 2, 2, 19, 16);
    NDArray o = NDArray.zeros(2, 2, 19, 16), alse = NDArray.zeros(2, 2, 19);
    k.attention(q, kk, v, 0.25f, true, o, alse);
    lines.add(line("attention", o, alse));
    NDArray c = NDArray.zeros(ROWS, ROWS);
    k.matmul(x, y.transpose(0, 1), c, false);
    lines.add(line("matmul", c));
    NDArray p = NDArray.randn(rng, 1000), g = NDArray.randn(rng, 1000), m = NDArray.zeros(1000), vv = NDArray.zeros(1000);
    for (int step = 1; step <= 3; step++) k.adamw(p, g, m, vv, new AdamWStep(1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, step));
    lines.add(line("adamw", p, m, vv));
    return lines;
  }

  static String line(String name, NDArray... arrays) {
    int h = 1;
    for (NDArray a : arrays) {
      float[] f = a.toFloatArray();
      int[] bits = new int[f.length];
      for (int i = 0; i < f.length; i++) bits[i] = Float.floatToRawIntBits(f[i]);
      h = 31 * h + Arrays.hashCode(bits);
    }
    return name + " " + Integer.toHexString(h);
  }

  /** The child JVM's entry point: prints the fingerprints computed by interpreted code. */
  public static void main(String[] args) {
    fingerprints().forEach(System.out::println);
  }

  @Test
  void interpretedAndCompiledKernelsGiveTheSameBits() throws Exception {
    assertTrue(Simd.available(), "this test checks the SIMD kernels; run with --add-modules jdk.incubator.vector");
    List<String> compiled = null;
    // Warm up until C2 has compiled the kernels (they then run their intrinsics).
    for (int i = 0; i < 3000; i++) compiled = fingerprints();

    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path err = Files.createTempFile("jit", ".err");
    try {
      Process proc = new ProcessBuilder(java.toString(), "-Xint", "--add-modules=jdk.incubator.vector",
          "-cp", System.getProperty("java.class.path"), JitDeterminismTest.class.getName())
          .redirectError(err.toFile())
          .start();
      String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(proc.waitFor(120, TimeUnit.SECONDS), "the -Xint child did not finish");
      assertEquals(0, proc.exitValue(), Files.readString(err));
      List<String> interpreted = out.strip().lines().toList();
      assertEquals(String.join("\n", interpreted), String.join("\n", compiled),
          "kernels whose bits differ between interpreted (expected) and compiled (actual) runs");
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
