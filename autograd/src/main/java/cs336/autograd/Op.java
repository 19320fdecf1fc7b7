package cs336.autograd;

import cs336.engine.NDArray;

/**
 * One node of the autograd graph: the operation that produced a tensor. Each primitive is a small
 * subclass in {@code cs336.autograd.ops} with a static {@code apply} (the forward) and
 * {@link #backward} a few lines below it.
 *
 * <p>The forward computes on {@link NDArray}s, saves in fields exactly what the backward needs, and
 * returns {@link #output}. The backward returns one gradient per input, in input order, each either
 * of the input's shape or of a shape the input was broadcast to (autograd sums it back down in one
 * place, {@link Backprop}); null for an input that needs no gradient.
 */
public abstract class Op {
  private Tensor[] inputs;
  private boolean freed;

  /** Gradients with respect to each input, given {@code gradOut} (of the output's shape; read only). */
  protected abstract NDArray[] backward(NDArray gradOut);

  /** The op's name in graphs and messages. */
  public String name() {
    return getClass().getSimpleName();
  }

  /**
   * Wraps the forward's result in a tensor and, when grad mode is on and some input requires grad,
   * records this op as its creator so that backward can reach the inputs.
   */
  protected final Tensor output(NDArray data, Tensor... inputs) {
    boolean track = false;
    if (GradMode.isEnabled()) {
      for (Tensor t : inputs) track |= t != null && t.requiresGrad();
    }
    if (!track) return new Tensor(data, false, null);
    this.inputs = inputs;
    return new Tensor(data, true, this);
  }

  /** True when input {@code i} needs a gradient (backward may skip work otherwise). */
  protected final boolean needsGrad(int i) {
    return inputs[i] != null && inputs[i].requiresGrad();
  }

  /** The inputs, in the order forward gave them (null entries for non-tensor arguments). */
  public final Tensor[] inputs() {
    if (freed) throw freedError();
    return inputs.clone();
  }

  final NDArray[] runBackward(NDArray gradOut) {
    if (freed) throw freedError();
    return backward(gradOut);
  }

  private IllegalStateException freedError() {
    return new IllegalStateException("the graph through " + name() + " was freed by an earlier backward(); "
        + "call backward(true) the first time to keep it");
  }

  /** True after backward freed this node. */
  public final boolean isFreed() {
    return freed;
  }

  /** Drops the inputs and everything forward saved, so the graph's memory can be reclaimed. */
  final void free() {
    freed = true;
    inputs = null;
    release();
  }

  /** Sets the fields forward saved to null; ops that save arrays override it. */
  protected void release() {}
}
