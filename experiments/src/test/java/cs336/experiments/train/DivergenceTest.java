package cs336.experiments.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The divergence rule and the step count chosen for a time budget. */
class DivergenceTest {
  static final int V = 512;                       // ln 512 = 6.238

  @Test
  void nanAndInfinityAlwaysStop() {
    assertNotNull(Divergence.check(Double.NaN, 3, V, 2));
    assertNotNull(Divergence.check(Double.POSITIVE_INFINITY, 3, V, 0));
    assertNull(Divergence.check(100, 3, V, 0));   // factor 0: only NaN/inf
  }

  @Test
  void aLeapInTheFirstStepsIsDivergence() {
    assertNotNull(Divergence.check(28, Double.POSITIVE_INFINITY, V, 2));   // above 2 ln V
    assertNull(Divergence.check(6.5, Double.POSITIVE_INFINITY, V, 2));     // near ln V: a fresh model
    assertNull(Divergence.check(11.8, 6.8, V, 2));                         // a spike below 2 ln V
  }

  @Test
  void climbingBackAboveTwiceTheLowestAndLnVIsDivergence() {
    assertNotNull(Divergence.check(6.3, 3.0, V, 2));    // > 6.0 and > ln V
    assertNull(Divergence.check(6.1, 3.0, V, 2));       // > 6.0 but below ln V
    assertNull(Divergence.check(5.0, 2.0, V, 2));       // > 4.0 but below ln V
    assertTrue(Divergence.check(6.3, 3.0, V, 2).contains("6.3"));
  }

  @Test
  void theBudgetHoldsTheStepsAndTheValidations() {
    // 60 s budget, 10 s gone, 0.1 s per step, eval every 100 steps of 10 batches: 2 s reserve,
    // a final validation of 0.35 s, then 0.1 * (1 + 0.035) s per step.
    long n = Calibration.maxIters(50, 10, 60, 0.1, 100, 10);
    assertEquals(50 + (long) Math.floor((60 - 10 - 2 - 0.35) / (0.1 * 1.035)), n);
    assertEquals(50, Calibration.maxIters(50, 70, 60, 0.1, 100, 10));   // out of time: no more steps
  }
}
