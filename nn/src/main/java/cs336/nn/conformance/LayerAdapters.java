package cs336.nn.conformance;

import static cs336.nn.conformance.Inputs.ANY;

import cs336.autograd.Tensor;
import cs336.nn.Rng;
import cs336.nn.functional.Functional;
import cs336.nn.layers.Embedding;
import cs336.nn.layers.Linear;
import cs336.nn.layers.MultiHeadSelfAttention;
import cs336.nn.layers.RMSNorm;
import cs336.nn.layers.RotaryEmbedding;
import cs336.nn.layers.SwiGLU;
import cs336.nn.layers.TransformerBlock;
import cs336.nn.layers.TransformerConfig;
import cs336.nn.layers.TransformerLM;

/** The adapters of the model's layers and functions (handout sections 3.4-3.5 and 4.1). */
final class LayerAdapters {
  private LayerAdapters() {}

  /** Weights are overwritten from the file; this only fills them before that. */
  private static Rng rng() {
    return new Rng(0);
  }

  static void register() {
    Adapters.differentiable("run_linear", in -> {
      int dIn = in.size("d_in"), dOut = in.size("d_out");
      Linear layer = in.onDevice(new Linear(dIn, dOut, rng()));
      in.load("weights", layer.weight());
      return layer.forward(in.floats("in_features", dIn));
    });
    Adapters.differentiable("run_embedding", in -> {
      int vocab = in.size("vocab_size");
      Embedding layer = in.onDevice(new Embedding(vocab, in.size("d_model"), rng()));
      in.load("weights", layer.weight());
      return layer.forward(in.ids("token_ids", 0, vocab, "vocab_size"));
    });
    Adapters.differentiable("run_swiglu", in -> {
      int d = in.size("d_model"), dFf = in.size("d_ff");
      SwiGLU ffn = in.onDevice(new SwiGLU(d, dFf, rng()));
      in.load("w1_weight", ffn.w1().weight());
      in.load("w2_weight", ffn.w2().weight());
      in.load("w3_weight", ffn.w3().weight());
      return ffn.forward(in.floats("in_features", d));
    });
    Adapters.differentiable("run_silu", in -> Functional.silu(in.floats("in_features")));
    Adapters.differentiable("run_rmsnorm", in -> {
      int d = in.size("d_model");
      RMSNorm norm = in.onDevice(new RMSNorm(d, (float) in.real("eps")));
      in.load("weights", norm.weight());
      return norm.forward(in.floats("in_features", d));
    });
    Adapters.differentiable("run_softmax", in -> {
      Tensor x = in.floats("in_features");
      long dim = in.integer("dim");
      if (dim < -x.rank() || dim >= Math.max(1, x.rank())) {
        throw new IllegalArgumentException("array 'dim': " + dim + " is out of range for in_features of rank " + x.rank());
      }
      return Functional.softmax(x, (int) dim);
    });
    Adapters.differentiable("run_rope", in -> {
      int dK = in.size("d_k"), maxSeqLen = in.size("max_seq_len");
      RotaryEmbedding rope = new RotaryEmbedding((float) in.real("theta"), dK, maxSeqLen);
      Tensor x = in.floats("in_query_or_key", ANY, dK);
      return rope.forward(x, in.ids("token_positions", 1, maxSeqLen, "max_seq_len"));
    });
    Adapters.differentiable("run_scaled_dot_product_attention", in -> {
      Tensor q = in.floats("Q", ANY, ANY), k = in.floats("K", ANY, q.shape(-1)), v = in.floats("V", k.shape(-2), ANY);
      return Functional.scaledDotProductAttention(q, k, v, in.has("mask") ? in.mask("mask") : null);
    });
    Adapters.differentiable("run_multihead_self_attention", in -> attention(in, false));
    Adapters.differentiable("run_multihead_self_attention_with_rope", in -> attention(in, true));
    Adapters.differentiable("run_transformer_block", in -> {
      int d = in.size("d_model"), maxSeqLen = in.size("max_seq_len"), heads = in.size("num_heads");
      RotaryEmbedding rope = new RotaryEmbedding((float) in.real("theta"), d / heads, maxSeqLen);
      TransformerBlock block = new TransformerBlock(d, heads, in.size("d_ff"), rope, TransformerConfig.Norm.PRE,
          TransformerConfig.Ffn.SWIGLU, rng());
      in.loadInto(block, "weights.");
      Tensor x = in.floats("in_features", ANY, d);
      if (x.rank() < 2 || x.shape(-2) > maxSeqLen) {
        throw new IllegalArgumentException("array 'in_features': expected [batch, seq <= max_seq_len " + maxSeqLen + ", "
            + d + "], got " + java.util.Arrays.toString(x.shape()));
      }
      return block.forward(x);
    });
    Adapters.differentiable("run_transformer_lm", in -> {
      TransformerConfig config = TransformerConfig.of(in.size("vocab_size"), in.size("context_length"), in.size("d_model"),
          (int) in.integer("num_layers"), in.size("num_heads"), in.size("d_ff"), (float) in.real("rope_theta"));
      TransformerLM model = new TransformerLM(config, rng());
      in.loadInto(model, "weights.");
      Tensor ids = in.ids("in_indices", 1, config.vocabSize(), "vocab_size");
      if (ids.shape(-1) > config.contextLength()) {
        throw new IllegalArgumentException("array 'in_indices': sequence length " + ids.shape(-1) + " exceeds context_length "
            + config.contextLength());
      }
      return model.forward(ids);
    });
    Adapters.differentiable("run_cross_entropy", in -> {
      Tensor logits = in.floats("inputs", ANY);
      Tensor targets = in.ids("targets", 0, logits.shape(-1), "the vocabulary size, inputs.shape[-1]");
      if (targets.rank() != logits.rank() - 1) {
        throw new IllegalArgumentException("array 'targets': expected int64 of the inputs' shape without the vocabulary "
            + "dimension, got rank " + targets.rank() + " for inputs of rank " + logits.rank());
      }
      return Functional.crossEntropy(logits, targets);
    });
  }

  /** The two multi-head attention adapters: causal, RoPE optional. */
  private static Tensor attention(Inputs in, boolean withRope) {
    int d = in.size("d_model"), heads = in.size("num_heads");
    if (d % heads != 0) throw new IllegalArgumentException("array 'num_heads': " + heads + " does not divide d_model " + d);
    RotaryEmbedding rope = withRope ? new RotaryEmbedding((float) in.real("theta"), d / heads, in.size("max_seq_len")) : null;
    MultiHeadSelfAttention attn = in.onDevice(new MultiHeadSelfAttention(d, heads, rope, rng()));
    in.load("q_proj_weight", attn.qProj().weight());
    in.load("k_proj_weight", attn.kProj().weight());
    in.load("v_proj_weight", attn.vProj().weight());
    in.load("o_proj_weight", attn.outputProj().weight());
    Tensor x = in.floats("in_features", ANY, d);
    Tensor positions = withRope && in.has("token_positions")
        ? in.ids("token_positions", 1, in.size("max_seq_len"), "max_seq_len") : null;
    return attn.forward(x, positions);
  }
}
