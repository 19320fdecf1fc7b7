package cs336.experiments.accounting;

/**
 * The hyperparameters that decide a Transformer LM's size and cost (handout section 3), with the
 * handout's names, plus the ablation switches that change its parameter count.
 *
 * @param name a label for tables, e.g. "GPT-2 XL"
 * @param vocabSize V, e.g. 50,257 (GPT-2) or 10,000 (the TinyStories model)
 * @param contextLength T, the tokens of one sequence, e.g. 1,024
 * @param dModel d, e.g. 1,600
 * @param numLayers L, e.g. 48
 * @param numHeads H, e.g. 25 (d must be divisible by H)
 * @param dFf the feed-forward inner size, e.g. 6,400
 * @param ffn SwiGLU (three matrices, the handout's default) or SiLU (two, the ablation)
 * @param rmsnorm whether the blocks and the final layer have RMSNorm gains (false: the no-norm ablation)
 * @param tiedEmbeddings whether the LM head reuses the token embedding matrix
 */
public record ModelShape(String name, int vocabSize, int contextLength, int dModel, int numLayers, int numHeads,
                         int dFf, Ffn ffn, boolean rmsnorm, boolean tiedEmbeddings) {

  /** The position-wise feed-forward network, by its number of d x d_ff weight matrices. */
  public enum Ffn {
    /** W2(SiLU(W1 x) * W3 x): W1, W3 (d_ff x d) and W2 (d x d_ff). */
    SWIGLU(3),
    /** W2(SiLU(W1 x)): W1 and W2. */
    SILU(2);

    public final int matrices;

    Ffn(int matrices) {
      this.matrices = matrices;
    }
  }

  public ModelShape {
    if (vocabSize < 1 || contextLength < 1 || dModel < 1 || numLayers < 0 || numHeads < 1 || dFf < 1) {
      throw new IllegalArgumentException("every size must be positive: " + this);
    }
    if (dModel % numHeads != 0) {
      throw new IllegalArgumentException("d_model " + dModel + " is not divisible by num_heads " + numHeads);
    }
  }

  /** The handout's architecture: SwiGLU, RMSNorm, untied LM head. */
  public static ModelShape of(String name, int vocabSize, int contextLength, int dModel, int numLayers, int numHeads, int dFf) {
    return new ModelShape(name, vocabSize, contextLength, dModel, numLayers, numHeads, dFf, Ffn.SWIGLU, true, false);
  }

  /** The shape of a model config (cs336.nn), ablation switches included. */
  public static ModelShape of(String name, cs336.nn.layers.TransformerConfig c) {
    return new ModelShape(name, c.vocabSize(), c.contextLength(), c.dModel(), c.numLayers(), c.numHeads(), c.dFf(),
        c.ffn() == cs336.nn.layers.TransformerConfig.Ffn.SILU ? Ffn.SILU : Ffn.SWIGLU,
        c.norm() != cs336.nn.layers.TransformerConfig.Norm.NONE, c.tieEmbeddings());
  }

  // ---- the handout's shapes (GPT-2 vocabulary 50,257, context 1,024; d_ff = 4·d_model as in GPT-2) ----

  public static ModelShape gpt2Small() {
    return of("GPT-2 small", 50_257, 1_024, 768, 12, 12, 4 * 768);
  }

  public static ModelShape gpt2Medium() {
    return of("GPT-2 medium", 50_257, 1_024, 1_024, 24, 16, 4 * 1_024);
  }

  public static ModelShape gpt2Large() {
    return of("GPT-2 large", 50_257, 1_024, 1_280, 36, 20, 4 * 1_280);
  }

  /** The handout's GPT-2 XL-shaped model (transformer_accounting (a)): d_ff 6,400. */
  public static ModelShape gpt2Xl() {
    return of("GPT-2 XL", 50_257, 1_024, 1_600, 48, 25, 6_400);
  }

  /** The handout's TinyStories model (section 7.2). */
  public static ModelShape tinyStories() {
    return of("TinyStories", 10_000, 256, 512, 4, 16, 1_344);
  }

  public ModelShape withName(String newName) {
    return new ModelShape(newName, vocabSize, contextLength, dModel, numLayers, numHeads, dFf, ffn, rmsnorm, tiedEmbeddings);
  }

  public ModelShape withContextLength(int t) {
    return new ModelShape(name, vocabSize, t, dModel, numLayers, numHeads, dFf, ffn, rmsnorm, tiedEmbeddings);
  }

  public ModelShape withFfn(Ffn f) {
    return new ModelShape(name, vocabSize, contextLength, dModel, numLayers, numHeads, dFf, f, rmsnorm, tiedEmbeddings);
  }

  public ModelShape withRmsnorm(boolean on) {
    return new ModelShape(name, vocabSize, contextLength, dModel, numLayers, numHeads, dFf, ffn, on, tiedEmbeddings);
  }

  public ModelShape withTiedEmbeddings(boolean tied) {
    return new ModelShape(name, vocabSize, contextLength, dModel, numLayers, numHeads, dFf, ffn, rmsnorm, tied);
  }
}
