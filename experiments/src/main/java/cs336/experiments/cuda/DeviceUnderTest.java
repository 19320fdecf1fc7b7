package cs336.experiments.cuda;

import cs336.engine.Device;
import cs336.engine.cuda.CudaDevice;
import cs336.engine.cuda.Precision;

/**
 * The device the checks run on, with the few things beyond {@link Device} they need: waiting for
 * queued work, the matmul precision, memory counters. The GPU in cuda-check; elsewhere (this
 * package's tests) a CPU-backed device, on which the same checks run where there is no GPU (the
 * harness's shapes, fixtures and training loop are exercised and the fixtures really compared) and
 * these extras do nothing.
 */
class DeviceUnderTest {
  private final Device device;

  private DeviceUnderTest(Device device) {
    this.device = device;
  }

  /** The GPU's own counters and precision switch for a {@link CudaDevice}; no-ops for any other device. */
  static DeviceUnderTest of(Device device) {
    return device instanceof CudaDevice gpu ? new Gpu(gpu) : new DeviceUnderTest(device);
  }

  Device device() {
    return device;
  }

  /** One line naming the device (the summary's "gpu" field). */
  String describe() {
    return device.toString();
  }

  /** Waits for everything queued (a no-op off the GPU). */
  void synchronize() {}

  /** Sets the matmul precision (ignored off the GPU, which computes in FP32). */
  void precision(Precision p) {}

  /** Peak bytes held by arrays (0 when not counted). */
  long peakBytes() {
    return 0;
  }

  /** One line about memory. */
  String memoryReport() {
    return device.name() + " (not counted)";
  }

  private static final class Gpu extends DeviceUnderTest {
    private final CudaDevice gpu;

    Gpu(CudaDevice gpu) {
      super(gpu);
      this.gpu = gpu;
    }

    @Override
    String describe() {
      return gpu.describe();
    }

    @Override
    void synchronize() {
      gpu.synchronize();
    }

    @Override
    void precision(Precision p) {
      gpu.setPrecision(p);
    }

    @Override
    long peakBytes() {
      return gpu.peakBytesInUse();
    }

    @Override
    String memoryReport() {
      return gpu.memoryReport();
    }
  }
}
