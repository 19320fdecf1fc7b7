package cs336.experiments.train;

/**
 * Chooses max_iters from a wall-clock budget ({@code max_minutes} without {@code max_iters}): the
 * run times its warmup steps, whose learning rates do not depend on max_iters (so they are exactly
 * the steps of a run given the result up front), and at the end of the warmup takes as many steps
 * as the rest of the budget holds, counting the validation passes (a forward pass costs about a
 * third of a training step). Only the second half of the warmup is timed: the first steps run
 * while the JIT compiler is still at work and are slower than the rest. The chosen number is saved
 * in the run's config, so a resumed run keeps its schedule.
 */
final class Calibration {
  private Calibration() {}

  /** The fewest warmup steps a budgeted run needs (half of them are timed). */
  static final int STEPS = 8;

  /** The step after which the timing starts, for a run calibrated at {@code warmupIters}. */
  static long timedFrom(long warmupIters) {
    return warmupIters / 2;
  }

  /** A forward pass's share of a training step's time (forward, backward twice its cost, AdamW). */
  static final double FORWARD_SHARE = 0.35;

  /** Seconds kept free at the end of the budget for the final checkpoint and report. */
  static final double RESERVE_SECONDS = 2;

  /**
   * The total number of steps for a run that has taken {@code stepsDone} steps in
   * {@code elapsedSeconds} of a {@code budgetSeconds} budget, at {@code secondsPerStep}.
   */
  static long maxIters(long stepsDone, double elapsedSeconds, double budgetSeconds, double secondsPerStep,
      long evalEvery, int evalBatches) {
    double perStep = secondsPerStep * (1 + FORWARD_SHARE * evalBatches / (double) evalEvery);
    double left = budgetSeconds - elapsedSeconds - RESERVE_SECONDS - FORWARD_SHARE * secondsPerStep * evalBatches;
    return stepsDone + Math.max(0, (long) Math.floor(left / perStep));
  }
}
