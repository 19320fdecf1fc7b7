package cs336.engine.cuda;

import cs336.engine.AllClose;
import cs336.engine.NDArray;
import cs336.engine.cpu.CpuDevice;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A few kernels on the GPU against the CPU, when there is a GPU (skipped with one line otherwise).
 * The full set is {@code ./cs336 cuda-check}, run on the GPU machine by scripts/gpu-check.sh.
 */
class CudaKernelsGpuTest {
  private final Random rng = new Random(7);

  private static void close(String what, NDArray expected, NDArray actual, double atol, double rtol) {
    AllClose.check(what, expected, actual.to(CpuDevice.CPU), atol, rtol);
  }

  @Test
  void elementwiseWithBroadcastAndTranspose() {
    CudaDevice gpu = CudaAvailability.requireGpu();
    NDArray a = NDArray.randn(rng, 33, 17), b = NDArray.randn(rng, 17);
    close("a^T^T + b", a.add(b), a.to(gpu).transpose(0, 1).contiguous().transpose(0, 1).add(b.to(gpu)), 1e-6, 1e-6);
  }

  @Test
  void matmulInBothPrecisions() {
    CudaDevice gpu = CudaAvailability.requireGpu();
    NDArray a = NDArray.randn(rng, 130, 70), b = NDArray.randn(rng, 90, 70).transpose(0, 1);
    NDArray want = a.matmul(b);
    for (Precision p : Precision.values()) {
      gpu.setPrecision(p);
      double atol = p == Precision.FP32 ? 1e-4 : 0.3;
      close(p.label() + " matmul", want, a.to(gpu).matmul(b.to(gpu)), atol, p == Precision.FP32 ? 1e-4 : 0);
    }
    gpu.setPrecision(Precision.FP32);
  }

  @Test
  void softmaxAndSumAlongRows() {
    CudaDevice gpu = CudaAvailability.requireGpu();
    NDArray x = NDArray.randn(rng, 12, 1000);
    close("softmax", x.softmax(-1), x.to(gpu).softmax(-1), 1e-7, 1e-5);
    close("sum", x.sum(1, false), x.to(gpu).sum(1, false), 1e-4, 1e-5);
  }
}
