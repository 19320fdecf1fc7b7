package cs336.bench.engine;

import cs336.engine.AllClose;
import cs336.engine.NDArray;

/** Checks a benchmark's kernel against the scalar reference before JMH times it. */
final class Validation {
  private Validation() {}

  /** Throws (aborting the benchmark) unless {@code actual} matches the reference {@code expected}. */
  static void same(String what, NDArray expected, NDArray actual, double atol, double rtol) {
    String problem = AllClose.compare(expected, actual, atol, rtol);
    if (problem != null) throw new IllegalStateException(what + " disagrees with the scalar kernel: " + problem);
  }
}
