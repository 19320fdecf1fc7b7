package cs336.nn;

import cs336.engine.NDArray;
import cs336.engine.Shapes;
import java.util.random.RandomGenerator;

/**
 * Parameter initialisation as the handout prescribes (section 3.4.1): weights are drawn from a
 * normal distribution N(0, std^2) truncated at +-3 std (values outside are redrawn, as
 * {@code torch.nn.init.trunc_normal_} does).
 * <ul>
 *   <li>Linear: std = sqrt(2 / (d_in + d_out));</li>
 *   <li>Embedding: std = 1;</li>
 *   <li>RMSNorm gains: 1.</li>
 * </ul>
 */
public final class Init {
  private Init() {}

  /** Truncation point in standard deviations. */
  public static final double CUT = 3.0;

  /** N(0, std^2) values truncated to [-3 std, 3 std], drawn from {@code rng} in C order. */
  public static NDArray truncatedNormal(RandomGenerator rng, double std, int... shape) {
    float[] v = new float[Shapes.numel(shape)];
    for (int i = 0; i < v.length; i++) {
      double z;
      do {
        z = rng.nextGaussian();
      } while (Math.abs(z) > CUT);
      v[i] = (float) (z * std);
    }
    return NDArray.of(v, shape);
  }

  /** The handout's Linear std, sqrt(2 / (d_in + d_out)). */
  public static double linearStd(int dIn, int dOut) {
    return Math.sqrt(2.0 / (dIn + dOut));
  }
}
