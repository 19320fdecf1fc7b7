package cs336.engine;

/**
 * The hyperparameters of one AdamW update (the handout's Algorithm 1) at step {@code t} (1-based).
 * Typical values: lr 1e-3, beta1 0.9, beta2 0.95 (0.999 in the handout's tests), eps 1e-8,
 * weightDecay 0.1.
 */
public record AdamWStep(float lr, float beta1, float beta2, float eps, float weightDecay, long t) {
  public AdamWStep {
    if (t < 1) throw new IllegalArgumentException("AdamW step t is 1-based, got " + t);
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("AdamW betas must lie in [0, 1), got " + beta1 + ", " + beta2);
    }
  }

  /** The bias-corrected step size alpha_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t), in double. */
  public double alphaT() {
    return lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
  }
}
