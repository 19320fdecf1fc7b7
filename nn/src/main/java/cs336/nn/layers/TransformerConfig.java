package cs336.nn.layers;

/**
 * The hyperparameters of a {@link TransformerLM}, named as in the handout, plus the ablation
 * switches of its section 7.3. The handout's TinyStories model is {@link #tinyStories()}: vocab
 * 10,000, context 256, d_model 512, 4 layers, 16 heads, d_ff 1344, theta 10,000 (pre-norm
 * RMSNorm, RoPE, SwiGLU, untied embeddings).
 *
 * @param norm where the RMSNorms sit: {@link Norm#PRE} (the handout's), {@link Norm#POST}
 *     (layer_norm ablation's post-norm) or {@link Norm#NONE} (no RMSNorm at all, final one included)
 * @param rope RoPE on queries and keys; false means no position information at all (NoPE)
 * @param ffn {@link Ffn#SWIGLU} or the ungated {@link Ffn#SILU}
 * @param tieEmbeddings the LM head reuses the token embedding matrix (no {@code lm_head.weight})
 */
public record TransformerConfig(int vocabSize, int contextLength, int dModel, int numLayers, int numHeads, int dFf,
    float ropeTheta, Norm norm, boolean rope, Ffn ffn, boolean tieEmbeddings) {

  /** Placement of the RMSNorms in each block. */
  public enum Norm {
    /** x + f(norm(x)): the handout's pre-norm block. */
    PRE,
    /** norm(x + f(x)): the original Transformer's post-norm block. */
    POST,
    /** x + f(x): no normalisation anywhere. */
    NONE
  }

  /** The feed-forward network of each block. */
  public enum Ffn {
    SWIGLU,
    SILU
  }

  public TransformerConfig {
    if (vocabSize < 1 || contextLength < 1 || dModel < 1 || numLayers < 0 || numHeads < 1 || dFf < 1) {
      throw new IllegalArgumentException("model sizes must be positive: " + this);
    }
    if (dModel % numHeads != 0) {
      throw new IllegalArgumentException("d_model " + dModel + " must be a multiple of num_heads " + numHeads);
    }
    if (rope && (dModel / numHeads) % 2 != 0) {
      throw new IllegalArgumentException("RoPE needs an even head size, d_model / num_heads = " + dModel / numHeads);
    }
    if (!(ropeTheta > 0)) throw new IllegalArgumentException("rope_theta must be positive, got " + ropeTheta);
    if (norm == null || ffn == null) throw new IllegalArgumentException("norm and ffn must be given");
  }

  /** The handout's architecture (pre-norm, RoPE, SwiGLU, untied) with these sizes. */
  public static TransformerConfig of(int vocabSize, int contextLength, int dModel, int numLayers, int numHeads, int dFf,
      float ropeTheta) {
    return new TransformerConfig(vocabSize, contextLength, dModel, numLayers, numHeads, dFf, ropeTheta, Norm.PRE, true,
        Ffn.SWIGLU, false);
  }

  /** The handout's TinyStories model (section 7.2). */
  public static TransformerConfig tinyStories() {
    return of(10_000, 256, 512, 4, 16, 1344, 10_000f);
  }

  public TransformerConfig withNorm(Norm n) {
    return new TransformerConfig(vocabSize, contextLength, dModel, numLayers, numHeads, dFf, ropeTheta, n, rope, ffn,
        tieEmbeddings);
  }

  public TransformerConfig withRope(boolean r) {
    return new TransformerConfig(vocabSize, contextLength, dModel, numLayers, numHeads, dFf, ropeTheta, norm, r, ffn,
        tieEmbeddings);
  }

  /** With feed-forward {@code f} and inner size {@code newDFf}. */
  public TransformerConfig withFfn(Ffn f, int newDFf) {
    return new TransformerConfig(vocabSize, contextLength, dModel, numLayers, numHeads, newDFf, ropeTheta, norm, rope, f,
        tieEmbeddings);
  }

  public TransformerConfig withTiedEmbeddings(boolean tie) {
    return new TransformerConfig(vocabSize, contextLength, dModel, numLayers, numHeads, dFf, ropeTheta, norm, rope, ffn,
        tie);
  }

  /** d_model / num_heads. */
  public int headDim() {
    return dModel / numHeads;
  }
}
