package cs336.engine.cpu.attention;

import static org.junit.jupiter.api.Assertions.fail;

/** Elementwise closeness with an absolute floor: |actual - expected| <= atol + rtol * |expected|. */
final class Close {
  private Close() {}

  static void assertClose(String what, double[] expected, float[] actual, double atol, double rtol) {
    if (expected.length != actual.length) {
      fail(what + ": length " + actual.length + ", expected " + expected.length);
    }
    int worst = -1;
    double worstExcess = 0;
    for (int i = 0; i < expected.length; i++) {
      double e = expected[i], a = actual[i];
      boolean sameInfinity = Double.isInfinite(e) && e == a;
      double excess = sameInfinity ? 0 : Math.abs(a - e) - (atol + rtol * Math.abs(e));
      if (Double.isNaN(excess)) excess = Double.POSITIVE_INFINITY;
      if (excess > worstExcess) {
        worstExcess = excess;
        worst = i;
      }
    }
    if (worst < 0) return;
    StringBuilder msg = new StringBuilder(what + ": worst index " + worst + " got " + actual[worst]
        + " expected " + expected[worst] + " (atol " + atol + ", rtol " + rtol + ")\n  first values (got | expected):");
    for (int i = 0; i < Math.min(8, expected.length); i++) msg.append(' ').append(actual[i]).append('|').append(expected[i]);
    fail(msg.toString());
  }

  static void assertClose(String what, float[] expected, float[] actual, double atol, double rtol) {
    double[] e = new double[expected.length];
    for (int i = 0; i < e.length; i++) e[i] = expected[i];
    assertClose(what, e, actual, atol, rtol);
  }
}
