package cs336.experiments.cli;

import cs336.experiments.cuda.CudaCheck;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./cs336 cuda-check --out summary.json}: checks the CUDA device on this machine's GPU and
 * writes a JSON summary. Without a GPU it prints one line saying so (and exits 1 with
 * {@code --require-gpu}).
 */
@Command(name = "cuda-check", mixinStandardHelpOptions = true,
    description = "Check the CUDA device: every kernel against the CPU engine, the PyTorch conformance fixtures on the GPU, "
        + "kernel and training-step throughput (FP32 and BF16) and the BF16-vs-FP32 loss curves; writes a JSON summary.")
public final class CudaCheckCommand implements Callable<Integer> {

  @Option(names = "--out", defaultValue = "runs/cuda-check/summary.json", paramLabel = "FILE",
      description = "JSON summary to write (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--fixtures", paramLabel = "DIR",
      description = "Conformance fixtures folder (default: ../shared/conformance/fixtures, or the cs336.shared property's).")
  Path fixtures;

  @Option(names = "--batch", defaultValue = "32", description = "Batch size of the training-step benchmark (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--steps", defaultValue = "20", description = "Timed training steps per precision (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--warmup", defaultValue = "3", description = "Untimed training steps first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--curve-steps", defaultValue = "500",
      description = "Steps of the FP32 and BF16 loss curves; 0 skips them (default: ${DEFAULT-VALUE}).")
  int curveSteps;

  @Option(names = "--skip-bench", description = "Only the correctness checks.")
  boolean skipBench;

  @Option(names = "--require-gpu", description = "Fail (exit 1) when there is no GPU instead of reporting it.")
  boolean requireGpu;

  @Override
  public Integer call() throws Exception {
    if (batch < 1 || steps < 1 || warmup < 0 || curveSteps < 0) {
      throw new IllegalArgumentException("--batch and --steps must be >= 1, --warmup and --curve-steps >= 0");
    }
    CudaCheck.Options o = new CudaCheck.Options(out, fixtures != null ? fixtures : defaultFixtures(), batch, steps, warmup,
        curveSteps, skipBench, requireGpu);
    return CudaCheck.run(o);
  }

  static Path defaultFixtures() {
    String shared = System.getProperty("cs336.shared");
    return (shared != null ? Path.of(shared) : Path.of("..", "shared")).resolve("conformance").resolve("fixtures");
  }
}
