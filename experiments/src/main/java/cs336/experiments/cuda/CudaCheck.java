package cs336.experiments.cuda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import cs336.engine.Device;
import cs336.experiments.util.AtomicFiles;
import cs336.nn.layers.TransformerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The whole GPU check in order: open the device, kernels against the CPU, conformance fixtures on the
 * GPU, benchmarks, then the JSON summary (written atomically, also when a stage fails). Exit status
 * 0 when every check passed (or there is no GPU and it was not required), 1 otherwise.
 */
public final class CudaCheck {
  private CudaCheck() {}

  /** What to run; see {@code CudaCheckCommand} for each option. */
  public record Options(Path out, Path fixtures, int batch, int steps, int warmup, int curveSteps, boolean skipBench,
      boolean requireGpu) {}

  /** Opens the GPU and runs every check on it with the TinyStories model. */
  public static int run(Options o) throws Exception {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("command", "cuda-check");
    summary.put("started", Instant.now().toString());
    summary.put("java", Runtime.version().toString());
    long t0 = System.nanoTime();
    Device gpu;
    try {
      gpu = Device.named("cuda");
    } catch (IllegalStateException e) {
      summary.put("gpu", null);
      summary.put("no_gpu_reason", e.getMessage());
      write(o.out(), summary);
      if (o.requireGpu()) throw e;
      System.out.println("cuda-check: no GPU here (" + e.getMessage() + "); nothing to check. Summary: " + o.out());
      return 0;
    }
    DeviceUnderTest dut = DeviceUnderTest.of(gpu);
    System.out.println("cuda-check on " + dut.describe() + " (device opened, PTX compiled, in "
        + String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9) + ")");
    return check(o, dut, TransformerConfig.tinyStories(), summary);
  }

  /**
   * The checks after the device is open, adding to {@code summary}: kernels, conformance, then
   * (unless skipped) the benchmarks of {@code model}. Returns the exit status. Any device will do;
   * the tests run it on a CPU-backed one with a small model.
   */
  static int check(Options o, DeviceUnderTest dut, TransformerConfig model, Map<String, Object> summary)
      throws Exception {
    long t0 = System.nanoTime();
    summary.put("gpu", dut.describe());
    int failed = 0;
    try {
      CheckLog kernels = new KernelChecks(dut).run();
      summary.put("kernels", kernels.summary());
      failed += kernels.failed();
      if (Files.isDirectory(o.fixtures())) {
        CheckLog conf = new Conformance(dut.device(), o.fixtures()).run();
        summary.put("conformance", conf.summary());
        failed += conf.failed();
      } else {
        summary.put("conformance", Map.of("skipped", "no fixtures folder " + o.fixtures()));
        System.out.println("conformance: skipped, no fixtures folder " + o.fixtures());
      }
      write(o.out(), summary);                      // correctness is on disk before the long part
      if (!o.skipBench()) {
        StepBenchmark bench = new StepBenchmark(dut, model, o.batch());
        Map<String, Object> b = new LinkedHashMap<>();
        summary.put("benchmark", b);
        b.put("gemm_tflops", bench.gemms());
        b.put("attention", bench.attention());
        write(o.out(), summary);
        b.put("training_step", bench.trainingStep(o.warmup(), o.steps()));
        write(o.out(), summary);
        if (o.curveSteps() > 0) b.put("loss_curves", bench.lossCurves(o.curveSteps()));
      }
    } catch (RuntimeException | Error e) {
      summary.put("error", e.toString());
      failed++;
      e.printStackTrace();
    } finally {
      summary.put("memory", dut.memoryReport());
      summary.put("seconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
      summary.put("failed", failed);
      write(o.out(), summary);
    }
    System.out.printf(Locale.ROOT, "cuda-check: %d failed; summary %s%n", failed, o.out());
    return failed == 0 ? 0 : 1;
  }

  static void write(Path out, Map<String, Object> summary) throws java.io.IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    AtomicFiles.writeString(out, json.writeValueAsString(summary) + "\n");
  }
}
