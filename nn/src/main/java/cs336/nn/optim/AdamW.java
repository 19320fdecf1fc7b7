package cs336.nn.optim;

import cs336.engine.AdamWStep;
import cs336.engine.DType;
import cs336.engine.NDArray;
import cs336.nn.Module;
import cs336.nn.ParameterArena;

/**
 * AdamW as the handout's Algorithm 1 (section 4.3), over a whole {@link ParameterArena}: the first
 * and second moments m and v are one allocation each, parallel to the parameter and gradient
 * arenas, so a step is one fused kernel call per run of trainable parameters (one call when nothing
 * is frozen). For step t = 1, 2, ...:
 * <pre>
 *   m = beta1 m + (1 - beta1) g;   v = beta2 v + (1 - beta2) g^2
 *   alpha_t = lr sqrt(1 - beta2^t) / (1 - beta1^t)
 *   theta -= alpha_t m / (sqrt(v) + eps);   theta -= lr * lambda * theta
 * </pre>
 */
public final class AdamW implements Optimizer {
  /**
   * Hyperparameters. Typical for the handout's LM: lr 1e-3 (scheduled), betas (0.9, 0.95), eps 1e-8,
   * weight decay 0.1.
   */
  public record Config(double lr, double beta1, double beta2, double eps, double weightDecay) {
    public Config {
      if (!(lr >= 0)) throw new IllegalArgumentException("invalid learning rate " + lr);
      if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
        throw new IllegalArgumentException("betas must lie in [0, 1), got " + beta1 + ", " + beta2);
      }
      if (!(eps >= 0) || !(weightDecay >= 0)) throw new IllegalArgumentException("eps and weight decay must be >= 0");
    }

    /** lr 1e-3, betas (0.9, 0.95), eps 1e-8, weight decay 0.1. */
    public static Config defaults() {
      return new Config(1e-3, 0.9, 0.95, 1e-8, 0.1);
    }

    public Config withLr(double newLr) {
      return new Config(newLr, beta1, beta2, eps, weightDecay);
    }
  }

  private final ParameterArena arena;
  private final NDArray m;
  private final NDArray v;
  private Config config;
  private long step;

  /** AdamW over {@code model}'s parameter arena. */
  public AdamW(Module model, Config config) {
    this(model.arena(), config);
  }

  public AdamW(ParameterArena arena, Config config) {
    this.arena = arena;
    this.config = config;
    this.m = NDArray.zeros(arena.params().device(), DType.FLOAT32, arena.size());
    this.v = NDArray.zeros(arena.params().device(), DType.FLOAT32, arena.size());
  }

  /** One update from the gradients in the arena (step t becomes t + 1). */
  @Override
  public void step() {
    step++;
    AdamWStep s = new AdamWStep((float) config.lr(), (float) config.beta1(), (float) config.beta2(),
        (float) config.eps(), (float) config.weightDecay(), step);
    NDArray params = arena.params(), grads = arena.grads();
    for (ParameterArena.Run r : arena.trainableRuns()) {
      params.kernels().adamw(params.narrow(0, r.offset(), r.length()), grads.narrow(0, r.offset(), r.length()),
          m.narrow(0, r.offset(), r.length()), v.narrow(0, r.offset(), r.length()), s);
    }
  }

  @Override
  public void zeroGrad() {
    arena.zeroGrad();
  }

  @Override
  public double lr() {
    return config.lr();
  }

  @Override
  public void setLr(double lr) {
    config = config.withLr(lr);
  }

  public Config config() {
    return config;
  }

  /** Steps taken so far (t of the last step; 0 before the first). */
  public long stepCount() {
    return step;
  }

  /** The arena this optimizer updates. */
  public ParameterArena arena() {
    return arena;
  }

  /** The first moments, flat and parallel to the parameter arena (shared). */
  public NDArray m() {
    return m;
  }

  /** The second moments, flat and parallel to the parameter arena (shared). */
  public NDArray v() {
    return v;
  }

  /**
   * Restores the counters of a saved state (the moments are written into {@link #m()} and
   * {@link #v()} directly): the next {@link #step()} is step {@code stepCount + 1}.
   */
  public void restore(long stepCount, Config savedConfig) {
    if (stepCount < 0) throw new IllegalArgumentException("negative AdamW step count " + stepCount);
    step = stepCount;
    config = savedConfig;
  }
}
