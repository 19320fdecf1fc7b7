package cs336.experiments.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.engine.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cuda-check's harness run on the CPU, so it is right before a GPU ever runs it: the conformance
 * functions it composes reproduce the PyTorch fixtures, every kernel check runs to the end (the CPU
 * against itself), the benchmark's training loop learns, and without a GPU the command says so.
 */
class CudaCheckHarnessTest {
  static Path fixtures() {
    String shared = System.getProperty("cs336.shared");
    Path dir = shared == null ? null : Path.of(shared, "conformance", "fixtures");
    Assumptions.assumeTrue(dir != null && Files.isDirectory(dir), "skipped: no ../shared/conformance/fixtures");
    return dir;
  }

  @Test
  void harnessFunctionsReproduceTheFixturesOnTheCpu() throws Exception {
    CheckLog log = new Conformance(Device.named("cpu"), fixtures()).run();
    assertEquals(0, log.failed(), "failed conformance checks (see the test output)");
    assertTrue(log.passed() >= 40, "checked " + log.passed() + " arrays");
  }

  @Test
  void everyKernelCheckRunsToTheEnd() {
    CheckLog log = new KernelChecks(DeviceUnderTest.cpu()).run();
    assertEquals(0, log.failed(), "failed kernel checks (see the test output)");
    assertTrue(log.passed() > 100, "ran " + log.passed() + " checks");
  }

  @Test
  void trainingLoopLearnsTheMarkovData() {
    HarnessLm.Config tiny = new HarnessLm.Config(64, 16, 32, 2, 4, 64, 10_000f);
    StepBenchmark b = new StepBenchmark(DeviceUnderTest.cpu(), tiny, 8);
    Map<String, Object> curves = b.lossCurves(60);
    @SuppressWarnings("unchecked")
    List<Double> fp32 = (List<Double>) curves.get("fp32_every_10");
    assertTrue(fp32.get(fp32.size() - 1) < fp32.get(0) - 0.5, "loss should fall: " + fp32);
    assertEquals(true, curves.get("within_1_percent"));     // the CPU computes both in FP32
    @SuppressWarnings("unchecked")
    Map<String, Object> step = (Map<String, Object>) b.trainingStep(1, 2).get("fp32");
    assertTrue(((Number) step.get("tokens_per_s")).doubleValue() > 0);
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
    String json = Files.readString(out);
    assertTrue(json.contains("\"no_gpu_reason\""), json);
  }
}
