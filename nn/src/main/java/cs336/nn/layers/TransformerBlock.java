package cs336.nn.layers;

import cs336.autograd.Tensor;
import cs336.nn.Module;
import java.util.random.RandomGenerator;

/**
 * One Transformer block (handout section 3.5, Figure 2): attention then feed-forward, each with a
 * residual connection. The RMSNorm placement is a switch:
 * <ul>
 *   <li>PRE (the handout's): y = x + MHA(ln1(x)); z = y + FFN(ln2(y))</li>
 *   <li>POST: y = ln1(x + MHA(x)); z = ln2(y + FFN(y))</li>
 *   <li>NONE: y = x + MHA(x); z = y + FFN(y) (no ln1/ln2 parameters)</li>
 * </ul>
 * State-dict keys: {@code attn.{q,k,v,output}_proj.weight}, {@code ln1.weight},
 * {@code ffn.w1.weight}, {@code ffn.w2.weight}, {@code ffn.w3.weight} (SwiGLU only),
 * {@code ln2.weight}.
 */
public final class TransformerBlock extends Module {
  private final TransformerConfig.Norm norm;
  private final RMSNorm ln1;
  private final MultiHeadSelfAttention attn;
  private final RMSNorm ln2;
  private final FeedForward ffn;

  /** A block of the model {@code config} describes (its d_model, heads, d_ff, theta and switches). */
  public TransformerBlock(TransformerConfig config, RandomGenerator rng) {
    this(config.dModel(), config.numHeads(), config.dFf(),
        config.rope() ? new RotaryEmbedding(config.ropeTheta(), config.headDim(), config.contextLength()) : null,
        config.norm(), config.ffn(), rng);
  }

  /**
   * A block with the handout's arguments (d_model, num_heads, d_ff), RoPE when {@code rope} is not
   * null, and the given norm placement and feed-forward network.
   */
  public TransformerBlock(int dModel, int numHeads, int dFf, RotaryEmbedding rope, TransformerConfig.Norm norm,
      TransformerConfig.Ffn ffnType, RandomGenerator rng) {
    this.norm = norm;
    // Registration order is the reference's key order (attn, ln1, ffn, ln2 as in its state dict).
    this.attn = child("attn", new MultiHeadSelfAttention(dModel, numHeads, rope, rng));
    this.ln1 = norm == TransformerConfig.Norm.NONE ? null : child("ln1", new RMSNorm(dModel));
    this.ffn = ffnType == TransformerConfig.Ffn.SWIGLU
        ? child("ffn", new SwiGLU(dModel, dFf, rng))
        : child("ffn", new SiLUFeedForward(dModel, dFf, rng));
    this.ln2 = norm == TransformerConfig.Norm.NONE ? null : child("ln2", new RMSNorm(dModel));
  }

  /** x [..., T, d_model] -> same shape, positions 0..T-1. */
  public Tensor forward(Tensor x) {
    return forward(x, null, null);
  }

  /** With int64 token positions [..., T] (null: 0..T-1) and an optional KV-cache layer. */
  public Tensor forward(Tensor x, Tensor tokenPositions, KvCache.Layer cache) {
    return switch (norm) {
      case PRE -> {
        Tensor y = x.add(attn.forward(ln1.forward(x), tokenPositions, cache));
        yield y.add(ffn.forward(ln2.forward(y)));
      }
      case POST -> {
        Tensor y = ln1.forward(x.add(attn.forward(x, tokenPositions, cache)));
        yield ln2.forward(y.add(ffn.forward(y)));
      }
      case NONE -> {
        Tensor y = x.add(attn.forward(x, tokenPositions, cache));
        yield y.add(ffn.forward(y));
      }
    };
  }

  public MultiHeadSelfAttention attn() {
    return attn;
  }

  public FeedForward ffn() {
    return ffn;
  }

  /** Null when the block has no norm. */
  public RMSNorm ln1() {
    return ln1;
  }

  /** Null when the block has no norm. */
  public RMSNorm ln2() {
    return ln2;
  }
}
