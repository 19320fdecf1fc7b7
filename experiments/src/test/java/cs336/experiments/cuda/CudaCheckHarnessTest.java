package cs336.experiments.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cs336.engine.Device;
import cs336.engine.cpu.StandInDevice;
import cs336.nn.layers.TransformerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cuda-check's harness run where there is no GPU, so it is right before a GPU ever runs it: the
 * whole check (kernels, conformance fixtures, benchmarks, loss curves, JSON summary) on a
 * {@link StandInDevice}, the CPU's kernels under another device's identity, where any array the
 * harness or the nn module leaves on the CPU fails as it would on the GPU; and without a GPU the
 * command says so.
 */
class CudaCheckHarnessTest {
  /** ../shared/conformance/fixtures, or null when this checkout has none beside it. */
  static Path fixtures() {
    String shared = System.getProperty("cs336.shared");
    Path dir = shared == null ? null : Path.of(shared, "conformance", "fixtures");
    return dir != null && Files.isDirectory(dir) ? dir : null;
  }

  @Test
  void theWholeHarnessRunsOnAStandInDevice(@TempDir Path tmp) throws Exception {
    Path fixtures = fixtures(), out = tmp.resolve("summary.json");
    CudaCheck.Options o = new CudaCheck.Options(out, fixtures != null ? fixtures : tmp.resolve("none"), 8, 2, 1, 60,
        false, true);
    TransformerConfig tiny = TransformerConfig.of(64, 16, 32, 2, 4, 64, 10_000f);
    int rc = CudaCheck.check(o, DeviceUnderTest.of(new StandInDevice("stand-in")), tiny, new LinkedHashMap<>());
    JsonNode s = new ObjectMapper().readTree(out.toFile());
    assertEquals(0, rc, "failed checks (see the test output): " + s.get("error"));
    assertEquals(0, s.get("failed").asInt());
    assertTrue(s.get("gpu").asText().startsWith("stand-in"), s.get("gpu").toString());
    assertTrue(s.at("/kernels/passed").asInt() > 100, "ran " + s.at("/kernels/passed") + " kernel checks");
    if (fixtures != null) {
      assertEquals(0, s.at("/conformance/failed").asInt());
      assertTrue(s.at("/conformance/passed").asInt() >= 50, "checked " + s.at("/conformance/passed") + " arrays");
    }
    // what scripts/gpu-check.sh reads, per precision
    for (String p : new String[] {"fp32", "bf16"}) {
      JsonNode step = s.at("/benchmark/training_step/" + p);
      assertTrue(step.get("tokens_per_s").asDouble() > 0, step.toString());
      assertEquals(8, step.get("batch").asInt());
      assertTrue(Double.isFinite(step.get("loss_last").asDouble()), step.toString());
    }
    JsonNode curves = s.at("/benchmark/loss_curves");
    JsonNode fp32 = curves.get("fp32_every_10");
    assertTrue(fp32.get(fp32.size() - 1).asDouble() < fp32.get(0).asDouble() - 0.5, "loss should fall: " + fp32);
    assertTrue(curves.get("within_1_percent").asBoolean(), curves.toString());  // both computed in FP32 here
    assertEquals(curves.get("fp32_every_10"), curves.get("bf16_every_10"));
    assertTrue(s.at("/benchmark/gemm_tflops").size() == 8, s.at("/benchmark/gemm_tflops").toString());
  }

  @Test
  void withoutGpuTheCommandSaysSoAndWritesTheSummary(@TempDir Path tmp) throws Exception {
    try {
      Device.named("cuda");
      Assumptions.abort("a GPU is present: cuda-check would run in full");
    } catch (IllegalStateException expected) {
      // no GPU: what this test is about
    }
    Path out = tmp.resolve("s/summary.json");
    int rc = CudaCheck.run(new CudaCheck.Options(out, tmp, 32, 1, 0, 0, false, false));
    assertEquals(0, rc);
    Map<?, ?> json = new ObjectMapper().readValue(out.toFile(), Map.class);
    assertTrue(json.containsKey("no_gpu_reason"), json.toString());
  }
}
