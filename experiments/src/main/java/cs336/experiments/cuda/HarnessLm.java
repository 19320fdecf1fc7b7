package cs336.experiments.cuda;

import cs336.autograd.Tensor;
import java.util.Map;

/**
 * The handout's Transformer LM (sections 3.4-3.5) written out in autograd ops, for checking the GPU
 * until the nn module's model can be run there: pre-norm blocks (RMSNorm eps 1e-5, causal multi-head
 * self-attention with interleaved RoPE, SwiGLU feed-forward), final RMSNorm and an untied LM head.
 * Weights are looked up by the reference state-dict keys ({@code layers.0.attn.q_proj.weight}, ...),
 * so the conformance fixtures and the benchmark's parameter arena feed it alike. Shapes: B batch,
 * T sequence, C = d_model, H heads, D = C / H.
 */
final class HarnessLm {
  private HarnessLm() {}

  static final float EPS = 1e-5f;

  /** The model's sizes (the handout's names); the TinyStories model is (10000, 256, 512, 4, 16, 1344, 10000). */
  record Config(int vocabSize, int contextLength, int dModel, int numLayers, int numHeads, int dFf, float ropeTheta) {
    static final Config TINY_STORIES = new Config(10_000, 256, 512, 4, 16, 1344, 10_000f);

    /** Every weight's state-dict key and shape, in the reference order. */
    Map<String, int[]> shapes() {
      Map<String, int[]> m = new java.util.LinkedHashMap<>();
      m.put("token_embeddings.weight", new int[] {vocabSize, dModel});
      for (int l = 0; l < numLayers; l++) {
        String p = "layers." + l + ".";
        for (String proj : new String[] {"q_proj", "k_proj", "v_proj", "output_proj"}) {
          m.put(p + "attn." + proj + ".weight", new int[] {dModel, dModel});
        }
        m.put(p + "ln1.weight", new int[] {dModel});
        m.put(p + "ffn.w1.weight", new int[] {dFf, dModel});
        m.put(p + "ffn.w2.weight", new int[] {dModel, dFf});
        m.put(p + "ffn.w3.weight", new int[] {dFf, dModel});
        m.put(p + "ln2.weight", new int[] {dModel});
      }
      m.put("ln_final.weight", new int[] {dModel});
      m.put("lm_head.weight", new int[] {vocabSize, dModel});
      return m;
    }
  }

  /** x W^T for a weight W [d_out, d_in] (the handout's Linear). */
  static Tensor linear(Tensor x, Tensor w) {
    return x.matmul(w.transpose(0, 1));
  }

  /**
   * Causal multi-head self-attention of x [B, T, C]; RoPE on queries and keys when
   * {@code positions} (int64 [T]) is given.
   */
  static Tensor attention(Tensor x, Tensor wq, Tensor wk, Tensor wv, Tensor wo, int numHeads, Tensor positions,
      float theta) {
    int B = x.shape(0), T = x.shape(1), C = x.shape(2), H = numHeads, D = C / H;
    Tensor q = linear(x, wq).view(B, T, H, D), k = linear(x, wk).view(B, T, H, D);
    Tensor v = linear(x, wv).view(B, T, H, D);
    if (positions != null) {
      Tensor pos = positions.view(T, 1);                   // broadcast over B and H
      q = q.rope(pos, theta);
      k = k.rope(pos, theta);
    }
    Tensor o = Tensor.scaledDotProductAttention(q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), true);
    return linear(o.transpose(1, 2).reshape(B, T, C), wo);
  }

  /** One pre-norm block: x + attn(ln1(x)), then + ffn(ln2(x)). {@code prefix} e.g. "layers.0.". */
  static Tensor block(Tensor x, Map<String, Tensor> w, String prefix, int numHeads, Tensor positions, float theta) {
    Tensor h = x.rmsNorm(w.get(prefix + "ln1.weight"), EPS);
    x = x.add(attention(h, w.get(prefix + "attn.q_proj.weight"), w.get(prefix + "attn.k_proj.weight"),
        w.get(prefix + "attn.v_proj.weight"), w.get(prefix + "attn.output_proj.weight"), numHeads, positions, theta));
    h = x.rmsNorm(w.get(prefix + "ln2.weight"), EPS);
    Tensor gate = Tensor.swiglu(linear(h, w.get(prefix + "ffn.w1.weight")), linear(h, w.get(prefix + "ffn.w3.weight")));
    return x.add(linear(gate, w.get(prefix + "ffn.w2.weight")));
  }

  /** Logits [B, T, V] of token ids [B, T]; {@code positions} int64 [T] (0 .. T-1). */
  static Tensor forward(Tensor ids, Map<String, Tensor> w, Config c, Tensor positions) {
    Tensor x = Tensor.embedding(w.get("token_embeddings.weight"), ids);
    for (int l = 0; l < c.numLayers(); l++) x = block(x, w, "layers." + l + ".", c.numHeads(), positions, c.ropeTheta());
    return linear(x.rmsNorm(w.get("ln_final.weight"), EPS), w.get("lm_head.weight"));
  }
}
