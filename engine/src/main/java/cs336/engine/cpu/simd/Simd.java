package cs336.engine.cpu.simd;

import cs336.engine.Kernels;

/**
 * Probes for the Vector API (module {@code jdk.incubator.vector}) without touching it, so the
 * engine still runs, on the scalar kernels, when the JVM was started without
 * {@code --add-modules jdk.incubator.vector}. This class must not reference any vector type.
 */
public final class Simd {
  private Simd() {}

  private static volatile boolean hinted;

  /** True when the Vector API module is present in the boot layer. */
  public static boolean available() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  /**
   * Prints, once per JVM, the one-line hint that the Vector API is missing. Every CPU kernel family
   * that falls back to scalar code because of it (the kernels, GEMM) calls this.
   */
  public static void hintOnce() {
    if (!hinted) {
      hinted = true;
      System.err.println("cs336: Vector API not enabled, using the slower scalar kernels "
          + "(run java with --add-modules=jdk.incubator.vector)");
    }
  }

  /**
   * The SIMD kernels, or null (after a one-line hint on standard error) when the Vector API is
   * missing.
   */
  public static Kernels kernelsOrNull() {
    if (!available()) {
      hintOnce();
      return null;
    }
    try {
      // Loaded by name so that this class links without the incubator module.
      return (Kernels) Class.forName("cs336.engine.cpu.simd.SimdKernels").getField("INSTANCE").get(null);
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException("cannot load the SIMD kernels", e);
    }
  }
}
