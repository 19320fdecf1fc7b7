package cs336.nn.layers;

import cs336.autograd.Tensor;
import cs336.nn.Module;
import java.util.random.RandomGenerator;

/**
 * The SwiGLU feed-forward network (handout eq. 7): W2 (SiLU(W1 x) * W3 x), with W1, W3
 * [d_ff, d_model] and W2 [d_model, d_ff]. Typical: d_model 512, d_ff 1344 (about 8/3 d_model,
 * a multiple of 64). The gate silu(a) * b is one fused kernel.
 */
public final class SwiGLU extends Module implements FeedForward {
  private final Linear w1;
  private final Linear w2;
  private final Linear w3;

  public SwiGLU(int dModel, int dFf, RandomGenerator rng) {
    this.w1 = child("w1", new Linear(dModel, dFf, rng));
    this.w2 = child("w2", new Linear(dFf, dModel, rng));
    this.w3 = child("w3", new Linear(dModel, dFf, rng));
  }

  @Override
  public Tensor forward(Tensor x) {
    return w2.forward(Tensor.swiglu(w1.forward(x), w3.forward(x)));
  }

  public Linear w1() {
    return w1;
  }

  public Linear w2() {
    return w2;
  }

  public Linear w3() {
    return w3;
  }
}
