package cs336.engine.cpu;

import cs336.engine.DType;
import cs336.engine.Device;
import cs336.engine.Kernels;
import cs336.engine.Storage;
import cs336.engine.cpu.scalar.ScalarKernels;
import cs336.engine.cpu.simd.Simd;

/**
 * The CPU: Java arrays for storage and, as kernels, the Vector API implementation when the JVM
 * runs with {@code --add-modules jdk.incubator.vector}, else the scalar reference (with a one-line
 * hint on standard error). The system property {@code cs336.kernels=scalar} forces the reference.
 */
public final class CpuDevice implements Device {
  /** The one CPU device. */
  public static final CpuDevice CPU = new CpuDevice();

  private volatile Kernels kernels;

  private CpuDevice() {}

  /** The kernels the CPU starts with: SIMD when available, unless {@code cs336.kernels=scalar}. */
  public static Kernels defaultKernels() {
    String choice = System.getProperty("cs336.kernels", "").strip();
    if (choice.equals("scalar")) return ScalarKernels.INSTANCE;
    if (!choice.isEmpty() && !choice.equals("simd")) {
      throw new IllegalArgumentException("cs336.kernels must be 'scalar' or 'simd', got '" + choice + "'");
    }
    Kernels simd = Simd.kernelsOrNull();
    return simd != null ? simd : ScalarKernels.INSTANCE;
  }

  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public Kernels kernels() {
    Kernels k = kernels;
    if (k == null) {
      synchronized (this) {
        if (kernels == null) kernels = defaultKernels();
        k = kernels;
      }
    }
    return k;
  }

  /**
   * Makes the CPU compute with {@code k} until the returned scope closes, then restores the previous
   * kernels. For tests that run the same code on the scalar reference and on the SIMD kernels; the
   * switch is global (not per thread), so do not run such tests concurrently.
   */
  public Scope use(Kernels k) {
    Kernels previous = kernels();
    kernels = k;
    return () -> kernels = previous;
  }

  /** Closing restores the previous kernels. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  @Override
  public Storage allocate(DType dtype, int size) {
    if (size < 0) throw new IllegalArgumentException("negative storage size " + size);
    return CpuStorage.allocate(dtype, size);
  }

  @Override
  public String toString() {
    return "cpu (" + kernels().name() + " kernels)";
  }
}
