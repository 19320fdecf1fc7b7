package cs336.engine.cuda;

import cs336.engine.Device;
import org.junit.jupiter.api.Assumptions;

/** Opens the GPU for the tests that need one, or skips them with one line saying why. */
final class CudaAvailability {
  private CudaAvailability() {}

  private static String reason;
  private static CudaDevice device;

  /** The CUDA device; skips the calling test (JUnit assumption) when there is none. */
  static synchronized CudaDevice requireGpu() {
    if (device == null && reason == null) {
      try {
        device = (CudaDevice) Device.named("cuda");
      } catch (IllegalStateException e) {
        reason = e.getMessage();
      }
    }
    Assumptions.assumeTrue(device != null, () -> "skipped, no GPU: " + reason);
    return device;
  }
}
