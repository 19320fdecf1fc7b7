package cs336.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.engine.Device;
import cs336.engine.io.HostArray;
import cs336.engine.io.Npz;
import cs336.experiments.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * ./cs336 adapter: results in OUT.npz (the same with --device cpu); bad input, an unknown device or
 * a missing GPU is exit status 1 and one line.
 */
class AdapterCommandTest {
  @TempDir Path dir;

  private Object[] run(String... args) {
    CommandLine cl = Cli.newCommandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    int status = cl.execute(args);
    return new Object[] {status, err.toString()};
  }

  private Path write(String name, Map<String, HostArray> arrays) throws Exception {
    Path p = dir.resolve(name);
    Npz.write(p, arrays);
    return p;
  }

  @Test
  void writesOutputAndGradients() throws Exception {
    Map<String, HostArray> in = new LinkedHashMap<>();
    in.put("in_features", HostArray.float32(new float[] {0f, 1f, -2f}, 3));
    in.put("grad_output", HostArray.float32(new float[] {1f, 1f, 1f}, 3));
    Path out = dir.resolve("out.npz");
    Object[] r = run("adapter", "run_silu", write("in.npz", in).toString(), out.toString());
    assertEquals(0, r[0], (String) r[1]);
    Map<String, HostArray> o = Npz.read(out);
    assertEquals(2, o.size());
    float s1 = (float) (1 / (1 + Math.exp(-1))), s2 = (float) (1 / (1 + Math.exp(2)));
    assertArrayEquals(new float[] {0f, s1, -2 * s2}, o.get("output").toNDArray().toFloatArray(), 1e-6f);
    assertArrayEquals(new float[] {0.5f, s1 * (1 + (1 - s1)), s2 * (1 - 2 * (1 - s2))},
        o.get("grad.in_features").toNDArray().toFloatArray(), 1e-6f);
  }

  @Test
  void badInputsEndWithOneLineNamingTheArray() throws Exception {
    Map<String, HostArray> in = new LinkedHashMap<>();
    in.put("in_features", HostArray.float64(new double[] {0, 1}, 2));
    Path out = dir.resolve("out.npz");
    Object[] r = run("adapter", "run_silu", write("in.npz", in).toString(), out.toString());
    assertEquals(1, r[0]);
    assertEquals("adapter: array 'in_features': expected float32 [...], got float64 [2]", ((String) r[1]).strip());
    assertFalse(Files.exists(out));

    r = run("adapter", "run_silu", write("empty.npz", Map.of()).toString(), out.toString());
    assertEquals("adapter: missing array 'in_features' (the file holds [])", ((String) r[1]).strip());

    Path corrupt = dir.resolve("corrupt.npz");
    Files.write(corrupt, new byte[] {'P', 'K', 3, 4, 0, 0});
    r = run("adapter", "run_silu", corrupt.toString(), out.toString());
    assertEquals(1, r[0]);
    assertEquals(1, ((String) r[1]).strip().lines().count(), (String) r[1]);

    r = run("adapter", "run_silu", dir.resolve("nope.npz").toString(), out.toString());
    assertEquals("adapter: " + dir.resolve("nope.npz") + ": no such file", ((String) r[1]).strip());
  }

  @Test
  void deviceCpuWritesTheSameFile() throws Exception {
    Map<String, HostArray> in = new LinkedHashMap<>();
    in.put("in_features", HostArray.float32(new float[] {0.5f, -1f, 3f, 2f}, 2, 2));
    in.put("grad_output", HostArray.float32(new float[] {1f, -1f, 0.5f, 2f}, 2, 2));
    Path inFile = write("in.npz", in), plain = dir.resolve("plain.npz"), onCpu = dir.resolve("cpu.npz");
    assertEquals(0, run("adapter", "run_silu", inFile.toString(), plain.toString())[0]);
    Object[] r = run("adapter", "--device", "cpu", "run_silu", inFile.toString(), onCpu.toString());
    assertEquals(0, r[0], (String) r[1]);
    assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(onCpu));
  }

  @Test
  void anUnknownDeviceOrAMissingGpuIsOneLine() throws Exception {
    Path inFile = write("in.npz", Map.of("in_features", HostArray.float32(new float[] {1f}, 1)));
    Path out = dir.resolve("out.npz");
    Object[] r = run("adapter", "--device", "tpu", "run_silu", inFile.toString(), out.toString());
    assertEquals(1, r[0]);
    assertTrue(((String) r[1]).strip().startsWith("adapter: unknown device 'tpu' (known here: cpu"), (String) r[1]);
    try {
      Device.named("cuda");
      Assumptions.abort("a GPU is present");
    } catch (IllegalStateException expected) {
      // no GPU here: the command must say so in one line
    }
    r = run("adapter", "--device", "cuda", "run_silu", inFile.toString(), out.toString());
    assertEquals(1, r[0]);
    assertEquals(1, ((String) r[1]).strip().lines().count(), (String) r[1]);
    assertTrue(((String) r[1]).startsWith("adapter: "), (String) r[1]);
    assertFalse(Files.exists(out));
  }
}
