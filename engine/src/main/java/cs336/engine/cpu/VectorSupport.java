package cs336.engine.cpu;

import jdk.incubator.vector.FloatVector;

/**
 * The one place that asks whether the Vector API ({@code jdk.incubator.vector}) is usable, so that
 * every SIMD kernel can fall back to its scalar twin instead of failing with a
 * {@code NoClassDefFoundError} when the JVM was started without
 * {@code --add-modules=jdk.incubator.vector}.
 *
 * <p>The probe runs once, on first use; when the module is missing it prints one line to stderr
 * saying how to enable it. Setting the system property {@code cs336.vector=false} forces the scalar
 * kernels (for comparisons and for learners stepping through them).
 *
 * <p>Only classes under {@code cs336.engine.cpu} may import {@code jdk.incubator.vector}, and only
 * after {@link #available()} returned true.
 */
public final class VectorSupport {
  private VectorSupport() {}

  private static final boolean AVAILABLE = probe();

  /** True when the Vector API can be used (module resolved and not disabled). */
  public static boolean available() {
    return AVAILABLE;
  }

  /**
   * Lanes of a float vector of the preferred species (16 on AVX-512, 8 on AVX2), or 1 when the
   * Vector API is unavailable. Tests use it to pick sizes around the vector length.
   */
  public static int floatLanes() {
    return AVAILABLE ? Lanes.FLOAT : 1;
  }

  private static boolean probe() {
    if ("false".equalsIgnoreCase(System.getProperty("cs336.vector", "").strip())) {
      return false;
    }
    try {
      // Loading the class fails when the module was not resolved into the boot layer.
      Class.forName("jdk.incubator.vector.FloatVector");
      return Lanes.FLOAT >= 1;
    } catch (ClassNotFoundException | LinkageError e) {
      System.err.println("cs336: the Vector API is unavailable (start java with"
          + " --add-modules=jdk.incubator.vector); using the slower scalar kernels.");
      return false;
    }
  }

  /** Touches the Vector API; initialised only after the module was found. */
  private static final class Lanes {
    static final int FLOAT = FloatVector.SPECIES_PREFERRED.length();
  }
}
