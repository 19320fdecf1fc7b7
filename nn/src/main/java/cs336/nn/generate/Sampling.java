package cs336.nn.generate;

import cs336.autograd.NoGrad;
import cs336.autograd.Tensor;
import java.util.Arrays;
import java.util.Comparator;
import java.util.random.RandomGenerator;

/**
 * Choosing the next token from a row of logits (handout section 6): softmax with temperature tau,
 * softmax(v / tau), then top-p (nucleus) sampling, which keeps the smallest set of most likely
 * tokens whose probabilities add up to at least p, renormalised. Temperature 0 means greedy
 * decoding (the most likely token, the first on ties).
 *
 * <p>The softmax runs on the device's kernels; the vocabulary-sized probability vector is then read
 * back for the sort and the draw, a decision taken once per token.
 */
public final class Sampling {
  private Sampling() {}

  /** The next token for {@code logits} [vocab]. */
  public static int sample(Tensor logits, float temperature, float topP, RandomGenerator rng) {
    if (logits.rank() != 1) throw new IllegalArgumentException("sample takes one row of logits [vocab]");
    if (!(temperature >= 0)) throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
    if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top-p must lie in (0, 1], got " + topP);
    try (NoGrad ignored = NoGrad.enter()) {
      if (temperature == 0) return (int) logits.argmax(0, false).data().getLong();
      float[] probs = logits.div(temperature).softmax(0).data().toFloatArray();
      Integer[] nucleus = nucleus(probs, topP);
      double mass = 0;
      for (int i : nucleus) mass += probs[i];
      double u = rng.nextDouble() * mass, c = 0;
      for (int i : nucleus) {
        c += probs[i];
        if (u < c) return i;
      }
      return nucleus[nucleus.length - 1];              // u rounded onto the total
    }
  }

  /**
   * The top-p set: token indices by decreasing probability (lower index first on ties), cut after
   * the first token at which the running sum reaches {@code p}.
   */
  public static Integer[] nucleus(float[] probs, float p) {
    Integer[] order = new Integer[probs.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -probs[i]).thenComparingInt(i -> i));
    double c = 0;
    int keep = order.length;
    for (int r = 0; r < order.length; r++) {
      c += probs[order[r]];
      if (c >= p) {
        keep = r + 1;
        break;
      }
    }
    return Arrays.copyOf(order, keep);
  }
}
