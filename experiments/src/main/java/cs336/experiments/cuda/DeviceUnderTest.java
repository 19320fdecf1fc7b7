package cs336.experiments.cuda;

import cs336.engine.Device;
import cs336.engine.cpu.CpuDevice;
import cs336.engine.cuda.CudaDevice;
import cs336.engine.cuda.Precision;

/**
 * The device the checks run on, with the few things beyond {@link Device} they need: waiting for
 * queued work, the matmul precision, memory counters. The GPU in cuda-check; the CPU in this
 * package's own tests, which run the same checks where there is no GPU (the CPU against itself: the
 * harness's shapes, fixtures and training loop are exercised, and the fixtures really compared).
 */
interface DeviceUnderTest {
  Device device();

  /** Waits for everything queued (a no-op on the CPU). */
  void synchronize();

  /** Sets the matmul precision (ignored on the CPU, which computes in FP32). */
  void precision(Precision p);

  /** Peak bytes held by arrays (0 when not counted). */
  long peakBytes();

  /** One line about memory. */
  String memoryReport();

  static DeviceUnderTest of(CudaDevice gpu) {
    return new DeviceUnderTest() {
      @Override
      public Device device() {
        return gpu;
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

  static DeviceUnderTest cpu() {
    return new DeviceUnderTest() {
      @Override
      public Device device() {
        return CpuDevice.CPU;
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
        return "cpu (not counted)";
      }
    };
  }
}
