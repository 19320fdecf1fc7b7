package cs336.nn.optim;

/**
 * The learning-rate schedule of the handout (section 4.4, LLaMA's): linear warmup, cosine
 * annealing, then constant.
 * <ul>
 *   <li>t &lt; T_w: alpha_t = t / T_w * alpha_max</li>
 *   <li>T_w &lt;= t &lt;= T_c: alpha_t = alpha_min + (1 + cos((t - T_w) / (T_c - T_w) * pi)) / 2 * (alpha_max - alpha_min)</li>
 *   <li>t &gt; T_c: alpha_t = alpha_min</li>
 * </ul>
 * Typical: max 1e-3, min 1e-4, warmup a few hundred steps, cycle the whole run.
 */
public record CosineSchedule(double maxLearningRate, double minLearningRate, long warmupIters, long cosineCycleIters) {
  public CosineSchedule {
    if (warmupIters < 0 || cosineCycleIters < warmupIters) {
      throw new IllegalArgumentException("need 0 <= warmup_iters <= cosine_cycle_iters, got " + warmupIters + " and "
          + cosineCycleIters);
    }
  }

  /** The learning rate at iteration {@code it}. */
  public double at(long it) {
    return lr(it, maxLearningRate, minLearningRate, warmupIters, cosineCycleIters);
  }

  /** The learning rate at iteration {@code it} (the handout's get_lr_cosine_schedule). */
  public static double lr(long it, double maxLr, double minLr, long warmupIters, long cosineCycleIters) {
    if (it < warmupIters) return (double) it / warmupIters * maxLr;
    if (it > cosineCycleIters) return minLr;
    if (cosineCycleIters == warmupIters) return maxLr;     // no annealing phase: only t = T_w = T_c lands here
    double progress = (double) (it - warmupIters) / (cosineCycleIters - warmupIters);
    return minLr + 0.5 * (1 + Math.cos(progress * Math.PI)) * (maxLr - minLr);
  }
}
