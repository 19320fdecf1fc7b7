package cs336.experiments.accounting;

import java.util.List;

/**
 * One component of a cost: its name, the formula that gives it (in the handout's symbols: V
 * vocab_size, T context_length, d d_model, L num_layers, H num_heads, d_ff), and its value.
 *
 * @param component what it counts, e.g. "attention projections (Q, K, V, O)"
 * @param formula how, e.g. "L·4·d²"
 * @param value the number (parameters, FLOPs, elements or bytes, depending on the list)
 */
public record Term(String component, String formula, long value) {

  /** The sum of the values. */
  public static long total(List<Term> terms) {
    long sum = 0;
    for (Term t : terms) sum = Math.addExact(sum, t.value);
    return sum;
  }

  /** This term's share of the total of {@code terms}. */
  public double fractionOf(List<Term> terms) {
    return (double) value / total(terms);
  }
}
