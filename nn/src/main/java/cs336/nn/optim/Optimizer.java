package cs336.nn.optim;

/** Updates parameters from their gradients: {@code zeroGrad(); loss.backward(); step();}. */
public interface Optimizer {
  /** One update of every trainable parameter from its current gradient. */
  void step();

  /** Sets every gradient to zero. */
  void zeroGrad();

  /** The learning rate the next step uses. */
  double lr();

  /** Sets the learning rate for the next steps (a schedule calls it before each step). */
  void setLr(double lr);
}
