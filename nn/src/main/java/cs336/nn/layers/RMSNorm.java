package cs336.nn.layers;

import cs336.autograd.Tensor;
import cs336.engine.NDArray;
import cs336.nn.Module;
import cs336.nn.Parameter;

/**
 * RMSNorm (handout eq. 4): x / sqrt(mean(x^2) + eps) * g over the last dimension, g [d_model]
 * initialised to 1, eps 1e-5. One fused kernel each way, in float32 (the engine computes in
 * float32 throughout, so no up-cast is needed).
 */
public final class RMSNorm extends Module {
  /** The handout's epsilon. */
  public static final float DEFAULT_EPS = 1e-5f;

  private final int dModel;
  private final float eps;
  private final Parameter weight;

  public RMSNorm(int dModel) {
    this(dModel, DEFAULT_EPS);
  }

  public RMSNorm(int dModel, float eps) {
    this.dModel = dModel;
    this.eps = eps;
    this.weight = parameter("weight", NDArray.ones(dModel));
  }

  /** x [..., d_model] -> same shape. */
  public Tensor forward(Tensor x) {
    Layers.checkLast("RMSNorm input", x, dModel);
    return x.rmsNorm(weight.tensor(), eps);
  }

  /** The gain g, [d_model]. */
  public Parameter weight() {
    return weight;
  }

  public float eps() {
    return eps;
  }
}
