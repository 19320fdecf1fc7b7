package cs336.experiments.accounting;

import java.util.ArrayList;
import java.util.List;

/**
 * Parameters and forward-pass FLOPs of the handout's Transformer LM, component by component.
 *
 * <p>FLOPs count matrix multiplies only, as the handout asks: multiplying an (m x n) matrix by an
 * (n x p) one costs 2·m·n·p FLOPs (a multiply and an add per term). Norms, RoPE, softmax and the
 * residual adds are O(T·d) or O(H·T²) elementwise work and are left out. Counts are for one
 * sequence of {@code contextLength} tokens; a batch multiplies them by the batch size.
 */
public final class TransformerCosts {
  private TransformerCosts() {}

  /**
   * The number of trainable parameters of a model of this shape: token embeddings V·d, per layer
   * the four attention projections 4·d² and the feed-forward matrices (3 or 2)·d·d_ff and two
   * RMSNorm gains 2·d, the final RMSNorm d, and the LM head V·d unless it is tied. RoPE has none.
   * For GPT-2 XL as the handout defines it this is 2,127,057,600.
   */
  public static long parameterCount(ModelShape s) {
    return Term.total(parameters(s));
  }

  /** {@link #parameterCount}, component by component. */
  public static List<Term> parameters(ModelShape s) {
    long V = s.vocabSize(), d = s.dModel(), L = s.numLayers(), dff = s.dFf();
    List<Term> t = new ArrayList<>();
    t.add(new Term("token embeddings", "V·d", V * d));
    t.add(new Term("attention projections (Q, K, V, O)", "L·4·d²", L * 4 * d * d));
    t.add(new Term(ffnName(s), "L·" + s.ffn().matrices + "·d·d_ff", L * s.ffn().matrices * d * dff));
    if (s.rmsnorm()) {
      t.add(new Term("RMSNorm gains (2 per layer + final)", "2·L·d + d", 2 * L * d + d));
    }
    if (!s.tiedEmbeddings()) {
      t.add(new Term("LM head", "V·d", V * d));
    }
    return t;
  }

  /** The matmul FLOPs of one forward pass over one sequence of contextLength tokens, by component. */
  public static List<Term> forwardFlops(ModelShape s) {
    long V = s.vocabSize(), T = s.contextLength(), d = s.dModel(), L = s.numLayers(), dff = s.dFf();
    int m = s.ffn().matrices;
    return List.of(
        // (T x d) @ (d x d) for each of Q, K, V and the output projection.
        new Term("attention projections (Q, K, V, O)", "L·4·2·T·d²", L * 4 * 2 * T * d * d),
        // Per head (T x d_k) @ (d_k x T); summed over H heads, H·d_k = d.
        new Term("attention scores Q·Kᵀ", "L·2·T²·d", L * 2 * T * T * d),
        // Per head (T x T) @ (T x d_k).
        new Term("attention-weighted values A·V", "L·2·T²·d", L * 2 * T * T * d),
        new Term(ffnName(s), "L·" + m + "·2·T·d·d_ff", L * m * 2 * T * d * dff),
        // (T x d) @ (d x V)
        new Term("LM head", "2·T·d·V", 2 * T * d * V));
  }

  /** {@link #forwardFlops} summed. */
  public static long forwardFlopsTotal(ModelShape s) {
    return Term.total(forwardFlops(s));
  }

  private static String ffnName(ModelShape s) {
    return s.ffn() == ModelShape.Ffn.SWIGLU ? "feed-forward (SwiGLU: W1, W2, W3)" : "feed-forward (SiLU: W1, W2)";
  }
}
