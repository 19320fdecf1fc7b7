package cs336.engine.cpu.simd;

import cs336.engine.cpu.scalar.ScalarKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels. Each overridden method handles the unit-stride layouts the hot path
 * produces and falls back to the scalar reference for everything else.
 */
public final class SimdKernels extends ScalarKernels {
  public static final SimdKernels INSTANCE = new SimdKernels();

  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  private SimdKernels() {}

  @Override
  public String name() {
    return "simd (" + F.length() + " float lanes)";
  }
}
