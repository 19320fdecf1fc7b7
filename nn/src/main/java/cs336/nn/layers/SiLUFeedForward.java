package cs336.nn.layers;

import cs336.autograd.Tensor;
import cs336.nn.Module;
import java.util.random.RandomGenerator;

/**
 * The ungated feed-forward network of the SwiGLU ablation (handout section 7.3): W2 SiLU(W1 x),
 * W1 [d_ff, d_model], W2 [d_model, d_ff]. To match SwiGLU's parameter count use d_ff = 4 d_model.
 */
public final class SiLUFeedForward extends Module implements FeedForward {
  private final Linear w1;
  private final Linear w2;

  public SiLUFeedForward(int dModel, int dFf, RandomGenerator rng) {
    this.w1 = child("w1", new Linear(dModel, dFf, rng));
    this.w2 = child("w2", new Linear(dFf, dModel, rng));
  }

  @Override
  public Tensor forward(Tensor x) {
    return w2.forward(w1.forward(x).silu());
  }

  public Linear w1() {
    return w1;
  }

  public Linear w2() {
    return w2;
  }
}
