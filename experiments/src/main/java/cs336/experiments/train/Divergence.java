package cs336.experiments.train;

import java.util.Locale;

/**
 * When a run has diverged and training on would waste the budget: its loss is NaN or infinite, or
 * the mean training loss of a logging interval exceeds {@code factor} times a reference, namely
 * the lowest interval mean so far but never more than ln(vocab_size), the loss of guessing every
 * token uniformly (which a freshly initialised model is close to), and never less than
 * ln(vocab_size) itself.
 *
 * <p>So with factor 2 and a 512-token vocabulary (ln 512 = 6.24): a run whose loss leaps to 28
 * in its first steps has diverged (above 2 ln V) even though 28 is its lowest yet; a run that got
 * down to 3.0 has diverged once it climbs back above 6.24 (above both 2 x 3.0 and ln V); a run
 * whose loss sits at 5 and jitters has not.
 */
final class Divergence {
  private Divergence() {}

  /** Why {@code loss} means divergence, or null when it does not. {@code factor} 0 checks NaN/inf only. */
  static String check(double loss, double lowest, int vocabSize, double factor) {
    if (!Double.isFinite(loss)) return "the loss is " + loss;
    if (factor <= 0) return null;
    double uniform = Math.log(vocabSize);
    double threshold = Math.max(uniform, factor * Math.min(lowest, uniform));
    if (loss > threshold) {
      return String.format(Locale.ROOT, "the loss rose to %.4f, above %.4f (%.1f times %s)", loss, threshold, factor,
          lowest < uniform ? String.format(Locale.ROOT, "its lowest, %.4f, and at least ln(vocab_size)", lowest)
              : String.format(Locale.ROOT, "ln(vocab_size) = %.4f", uniform));
    }
    return null;
  }
}
