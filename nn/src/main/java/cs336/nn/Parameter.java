package cs336.nn;

import cs336.autograd.Tensor;
import cs336.engine.NDArray;
import cs336.engine.Shapes;

/**
 * A learnable array of a {@link Module}: a leaf {@link Tensor} that requires grad. Layers hold
 * their parameters in fields of this type and call {@link #tensor()} in {@code forward}.
 *
 * <p>Why a holder and not the tensor itself: a model's parameters start out in their own arrays
 * (so a layer works on its own) and are then moved into one {@link ParameterArena} (one allocation
 * for all weights, one for all gradients), which makes AdamW, zero-grad, clipping and checkpoints
 * one loop over one array. Moving replaces the tensor, so layers must not cache it across calls.
 */
public final class Parameter {
  private Tensor tensor;

  /** A trainable parameter holding {@code initial} (shared, not copied). */
  public Parameter(NDArray initial) {
    this.tensor = Tensor.of(initial).requiresGrad(true);
  }

  /** The leaf tensor to compute with. */
  public Tensor tensor() {
    return tensor;
  }

  /** The values (shared). */
  public NDArray data() {
    return tensor.data();
  }

  /** The accumulated gradient, or null before the first backward reaches it. */
  public NDArray grad() {
    return tensor.grad();
  }

  public int[] shape() {
    return tensor.shape();
  }

  public int numel() {
    return tensor.numel();
  }

  /** False for a frozen parameter: no gradient, and optimizers and clipping leave it alone. */
  public boolean trainable() {
    return tensor.requiresGrad();
  }

  /** Freezes ({@code false}) or unfreezes the parameter. */
  public Parameter setTrainable(boolean value) {
    tensor.requiresGrad(value);
    return this;
  }

  /**
   * Points this parameter at new storage ({@code data} already holding its values) with gradient
   * buffer {@code grad}, keeping its trainable flag; {@link ParameterArena} moves parameters this way.
   */
  void moveTo(NDArray data, NDArray grad, String name) {
    if (!data.sameShape(tensor.data())) {
      throw new IllegalArgumentException("cannot move parameter of shape " + Shapes.str(shape()) + " to "
          + Shapes.str(data.shape()));
    }
    boolean trainable = tensor.requiresGrad();
    Tensor t = Tensor.of(data).requiresGrad(trainable).name(name);
    t.setGrad(grad);
    tensor = t;
  }

  @Override
  public String toString() {
    return "Parameter" + Shapes.str(shape()) + (trainable() ? "" : " (frozen)");
  }
}
