package cs336.experiments.cuda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import cs336.engine.Device;
import cs336.engine.cuda.CudaDevice;
import cs336.experiments.util.AtomicFiles;
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

  public static int run(Options o) throws Exception {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("command", "cuda-check");
    summary.put("started", Instant.now().toString());
    summary.put("java", Runtime.version().toString());
    CudaDevice gpu;
    try {
      gpu = (CudaDevice) Device.named("cuda");
    } catch (IllegalStateException e) {
      summary.put("gpu", null);
      summary.put("no_gpu_reason", e.getMessage());
      write(o.out(), summary);
      if (o.requireGpu()) throw e;
      System.out.println("cuda-check: no GPU here (" + e.getMessage() + "); nothing to check. Summary: " + o.out());
      return 0;
    }
    long t0 = System.nanoTime();
    summary.put("gpu", gpu.describe());
    System.out.println("cuda-check on " + gpu.describe() + " (device opened, PTX compiled, in "
        + String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9) + ")");
    int failed = 0;
    try {
      CheckLog kernels = new KernelChecks(DeviceUnderTest.of(gpu)).run();
      summary.put("kernels", kernels.summary());
      failed += kernels.failed();
      if (Files.isDirectory(o.fixtures())) {
        CheckLog conf = new Conformance(gpu, o.fixtures()).run();
        summary.put("conformance", conf.summary());
        failed += conf.failed();
      } else {
        summary.put("conformance", Map.of("skipped", "no fixtures folder " + o.fixtures()));
        System.out.println("conformance: skipped, no fixtures folder " + o.fixtures());
      }
      write(o.out(), summary);                      // correctness is on disk before the long part
      if (!o.skipBench()) {
        StepBenchmark bench = new StepBenchmark(DeviceUnderTest.of(gpu), HarnessLm.Config.TINY_STORIES, o.batch());
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
      summary.put("memory", gpu.memoryReport());
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
