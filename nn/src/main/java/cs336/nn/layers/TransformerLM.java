package cs336.nn.layers;

import cs336.autograd.Tensor;
import cs336.engine.Device;
import cs336.engine.Shapes;
import cs336.nn.Init;
import cs336.nn.Module;
import cs336.nn.ModuleList;
import cs336.nn.Rng;
import cs336.nn.functional.LinearCrossEntropy;
import java.util.random.RandomGenerator;

/**
 * The Transformer language model (handout section 3.1, Figure 1): token embedding, num_layers
 * {@link TransformerBlock}s, a final RMSNorm and the LM head, int64 token ids [batch, seq] -> logits
 * [batch, seq, vocab] (unnormalised; any number of leading dimensions works).
 *
 * <p>State-dict keys are the reference's: {@code token_embeddings.weight},
 * {@code layers.{i}.attn.q_proj.weight} ... {@code layers.{i}.ln2.weight}, {@code ln_final.weight},
 * {@code lm_head.weight}. With tied embeddings there is no {@code lm_head.weight} (the head reads
 * the embedding matrix, which is then initialised with the LM head's std sqrt(2 / (d_model +
 * vocab)) instead of 1, so the initial logits stay small); without norms there are no
 * {@code ln*} keys.
 *
 * <p>A new model moves its parameters into one {@link cs336.nn.ParameterArena} (one allocation for
 * weights, one for gradients): {@link #arena()}.
 */
public final class TransformerLM extends Module {
  private final TransformerConfig config;
  private final Embedding tokenEmbeddings;
  private final ModuleList<TransformerBlock> layers;
  private final RMSNorm lnFinal;
  private final Linear lmHead;

  /** A freshly initialised model, parameters drawn from {@code new Rng(seed)}. */
  public TransformerLM(TransformerConfig config, long seed) {
    this(config, new Rng(seed));
  }

  public TransformerLM(TransformerConfig config, RandomGenerator rng) {
    this.config = config;
    double embStd = config.tieEmbeddings() ? Init.linearStd(config.dModel(), config.vocabSize()) : 1.0;
    this.tokenEmbeddings = child("token_embeddings", new Embedding(config.vocabSize(), config.dModel(), rng, embStd));
    this.layers = child("layers", new ModuleList<>());
    for (int i = 0; i < config.numLayers(); i++) layers.add(new TransformerBlock(config, rng));
    this.lnFinal = config.norm() == TransformerConfig.Norm.NONE ? null : child("ln_final", new RMSNorm(config.dModel()));
    this.lmHead = config.tieEmbeddings() ? null : child("lm_head", new Linear(config.dModel(), config.vocabSize(), rng));
    arena();
  }

  /** A model on {@code device} (parameters initialised on the CPU, then moved). */
  public static TransformerLM on(Device device, TransformerConfig config, long seed) {
    TransformerLM m = new TransformerLM(config, seed);
    m.packInto(device);
    return m;
  }

  /** Logits [..., T, vocab] for int64 token ids [..., T] at positions 0..T-1 (T <= context length). */
  public Tensor forward(Tensor ids) {
    return forward(ids, null);
  }

  /**
   * With a KV cache (null for none): the T ids continue the sequence the cache holds, at positions
   * cache.length() .. cache.length() + T - 1, and the cache is extended by T.
   */
  public Tensor forward(Tensor ids, KvCache cache) {
    return head(hidden(ids, cache));
  }

  /** The LM head: logits [..., vocab] for final hidden states [..., d_model] (see {@link #hidden}). */
  public Tensor head(Tensor hidden) {
    return hidden.matmul(headWeight().transpose(0, 1));
  }

  /**
   * The training loss: mean cross-entropy of the next-token logits for {@code ids} against int64
   * {@code targets} (both [..., T]). Equal to {@code forward(ids).crossEntropy(targets)}, but the
   * LM head and the loss are one op ({@link LinearCrossEntropy}) that never holds all logits.
   */
  public Tensor loss(Tensor ids, Tensor targets) {
    return LinearCrossEntropy.apply(hidden(ids, null), headWeight(), targets);
  }

  /** The final hidden states [..., T, d_model] (after the last norm), before the LM head. */
  public Tensor hidden(Tensor ids, KvCache cache) {
    Layers.checkIds("token ids", ids);
    if (ids.rank() < 1) throw new IllegalArgumentException("token ids must be [..., seq], got a scalar");
    int T = ids.shape(-1), start = cache == null ? 0 : cache.length();
    if (start + T > config.contextLength()) {
      throw new IllegalArgumentException("sequence of " + (start + T) + " tokens exceeds the context length "
          + config.contextLength() + " (token ids " + Shapes.str(ids.shape()) + ")");
    }
    Tensor x = tokenEmbeddings.forward(ids);
    for (int i = 0; i < layers.size(); i++) {
      // positions null: each attention layer takes start .. start + T - 1 from the cache (or 0 .. T - 1)
      x = layers.get(i).forward(x, null, cache == null ? null : cache.layer(i));
    }
    if (cache != null) cache.advance(T);
    return lnFinal != null ? lnFinal.forward(x) : x;
  }

  /** The LM head's weight [vocab, d_model]: lm_head.weight, or the token embeddings when tied. */
  private Tensor headWeight() {
    return lmHead != null ? lmHead.weight().tensor() : tokenEmbeddings.weight().tensor();
  }

  /** An empty KV cache for {@code batch} sequences of up to the context length. */
  public KvCache newCache(int batch) {
    return new KvCache(tokenEmbeddings.weight().data().device(), config.numLayers(), batch, config.numHeads(),
        config.contextLength(), config.headDim());
  }

  public TransformerConfig config() {
    return config;
  }

  public Embedding tokenEmbeddings() {
    return tokenEmbeddings;
  }

  public ModuleList<TransformerBlock> layers() {
    return layers;
  }

  /** Null when the model has no norms. */
  public RMSNorm lnFinal() {
    return lnFinal;
  }

  /** Null when the embeddings are tied. */
  public Linear lmHead() {
    return lmHead;
  }
}
