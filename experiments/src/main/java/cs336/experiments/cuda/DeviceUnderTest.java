package cs336.experiments.cuda;

import cs336.engine.Device;
import cs336.engine.cuda.CudaDevice;
import cs336.engine.cuda.Precision;

/**
 * The device the checks run on, with the few things beyond {@link Device} they need: waiting for
 * queued work, the matmul precision, memory counters. The GPU in cuda-check; elsewhere (this
 * package's tests) a CPU-backed device, on which the same checks run where there is no GPU: the
 * harness's shapes, fixtures and training loop are exercised and the fixtures really compared.
 */
interface DeviceUnderTest {
  Device device();

  /** One line naming the device (for the summary's "gpu" field). */
  String describe();

  /** Waits for everything queued (a no-op on the CPU). */
  void synchronize();

  /** Sets the matmul precision (ignored off the GPU, which computes in FP32). */
  void precision(Precision p);

  /** Peak bytes held by arrays (0 when not counted). */
  long peakBytes();

  /** One line about memory. */
  String memoryReport();

  /** The GPU's own counters and precision switch for a {@link CudaDevice}; no-ops for any other device. */
  static DeviceUnderTest of(Device device) {
    if (device instanceof CudaDevice gpu) {
      return new DeviceUnderTest() {
        @Override
        public Device device() {
          return gpu;
        }

        @Override
        public String describe() {
          return gpu.describe();
        }

        @Override
        public void synchronize() {
          gpu.synchronize();
        }

        @Override
        public void precision(Precision p) {
          gpu.setPrecision(p);
        }

        @Override
        public long peakBytes() {
          return gpu.peakBytesInUse();
        }

        @Override
        public String memoryReport() {
          return gpu.memoryReport();
        }
      };
    }
    return new DeviceUnderTest() {
      @Override
      public Device device() {
        return device;
      }

      @Override
      public String describe() {
        return device.toString();
      }

      @Override
      public void synchronize() {}

      @Override
      public void precision(Precision p) {}

      @Override
      public long peakBytes() {
        return 0;
      }

      @Override
      public String memoryReport() {
        return device.name() + " (not counted)";
      }
    };
  }
}
